/*
 * Sortable tables, as an enhancement: a table with class "sortable" reads the same without JavaScript.
 * With it, each column header becomes a button; pressing it sorts the rows by that column (numbers by
 * their data-sort value, text by the interface language's collation) and says so with aria-sort.
 */
(function () {
  'use strict';
  var tables = document.querySelectorAll('table.sortable');
  Array.prototype.forEach.call(tables, function (table) {
    var headers = table.querySelectorAll('thead th');
    var collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: 'base' });
    Array.prototype.forEach.call(headers, function (th, column) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        function key(row) {
          var cell = row.cells[column];
          var sort = cell.getAttribute('data-sort');
          return sort !== null && sort !== '' && !isNaN(Number(sort)) ? Number(sort) : cell.textContent.trim();
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b), order;
          if (typeof x === 'number' && typeof y === 'number') order = x - y;
          else if (typeof x === 'number') order = -1;
          else if (typeof y === 'number') order = 1;
          else order = collator.compare(x, y);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
