using GobiernoElectronico.Validate;

namespace GobiernoElectronico.Tests.Security;

/// <summary>The one URL rule, decided on the address as a browser reads it.</summary>
public class SafeUrlTests
{
    [TestCase("javascript:alert(1)")]
    [TestCase("JaVaScRiPt:alert(1)")]
    [TestCase(" javascript:alert(1)")]
    [TestCase("\u0001\u0002javascript:alert(1)")]
    [TestCase("java\tscript:alert(1)")]
    [TestCase("java\nscript:alert(1)")]
    [TestCase("java\r\nscript:alert(1)")]
    [TestCase("&#106;avascript:alert(1)")]
    [TestCase("&#x6A;avascript:alert(1)")]
    [TestCase("&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)")]
    [TestCase("javascript&colon;alert(1)")]
    [TestCase("jav&#x09;ascript:alert(1)")]
    [TestCase("&amp;#106;avascript:alert(1)")]
    [TestCase("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [TestCase("vbscript:msgbox(1)")]
    [TestCase("file:///etc/passwd")]
    [TestCase("\u00a0javascript:alert(1)")]
    [TestCase("https://")]
    [TestCase("")]
    [TestCase("   ")]
    public void Refused(string url) => Assert.That(SafeUrl.Problem(url), Is.Not.Null);

    [TestCase("https://www.guatecompras.gt/")]
    [TestCase("HTTP://EXAMPLE.ORG/a?b=c#d")]
    [TestCase("mailto:info@example.org")]
    [TestCase("../media/informe.pdf")]
    [TestCase("informe.pdf#page=3")]
    [TestCase("//example.org/x")]
    [TestCase("?q=a:b")]
    [TestCase("a/b:c")]
    public void Allowed(string url) => Assert.That(SafeUrl.Problem(url), Is.Null);

    [TestCase("/kb/x")]
    [TestCase("informe.pdf")]
    [TestCase("mailto:a@b.c")]
    public void Only_http_where_the_field_needs_an_absolute_web_address(string url) =>
        Assert.That(SafeUrl.Problem(url, allowRelative: false, absoluteOnly: true), Is.Not.Null);
}
