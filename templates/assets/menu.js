/* The site menu on phones: folded behind a button that says whether it is open (aria-expanded). Without
   JavaScript the button stays hidden and the menu open. Escape closes it and returns to the button. */
(function () {
  'use strict';
  var button = document.querySelector('.menu-button');
  var header = document.querySelector('.site-header');
  if (!button || !header) return;
  document.documentElement.classList.add('menu-js');
  button.hidden = false;
  function set(open) {
    header.classList.toggle('open', open);
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
  }
  button.addEventListener('click', function () { set(button.getAttribute('aria-expanded') !== 'true'); });
  header.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && header.classList.contains('open')) { set(false); button.focus(); }
  });
})();
