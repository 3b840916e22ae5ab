namespace GobiernoElectronico.Diagnostics;

/// <summary>
/// Every diagnostic code the generator emits. The README's "Error codes" table lists the same codes;
/// a test keeps the two in step.
/// </summary>
public static class ErrorCodes
{
    // Reading files
    /// <summary>The YAML is not well formed.</summary>
    public const string MalformedYaml = "GE0001";
    /// <summary>A Markdown document does not start with a <c>---</c> front-matter block.</summary>
    public const string MissingFrontMatter = "GE0002";
    /// <summary>The front-matter block is opened but never closed.</summary>
    public const string UnterminatedFrontMatter = "GE0003";
    /// <summary>A file that is not part of any content type (ignored).</summary>
    public const string UnknownFile = "GE0004";
    /// <summary>A file could not be read (I/O error, not UTF-8).</summary>
    public const string UnreadableFile = "GE0005";
    /// <summary>A symbolic link (or other non-regular file) under content/: content is read only from regular files inside it.</summary>
    public const string LinkedFile = "GE0006";

    // Front matter against its schema
    /// <summary>A field that the content type does not have.</summary>
    public const string UnknownField = "GE0101";
    /// <summary>A value of the wrong type (text where a number is expected, …).</summary>
    public const string WrongType = "GE0102";
    /// <summary>A required field is missing or empty.</summary>
    public const string MissingField = "GE0103";
    /// <summary>A value outside the allowed list.</summary>
    public const string ValueNotAllowed = "GE0104";
    /// <summary>A number or date outside its range, or text of the wrong form.</summary>
    public const string ValueOutOfRange = "GE0105";
    /// <summary>The same key twice in one mapping.</summary>
    public const string DuplicateKey = "GE0106";
    /// <summary>A web address with a scheme other than http, https or mailto (javascript:, data:, …), however spelt.</summary>
    public const string UnsafeUrl = "GE0107";
    /// <summary>A file beyond a limit: nesting depth, number of keys or items, length of a value or line, file size.</summary>
    public const string LimitExceeded = "GE0108";
    /// <summary>A name a file system reserves (con, aux, nul, com1…) or a path too long for one.</summary>
    public const string ReservedName = "GE0109";

    // Across documents
    /// <summary>A country code that is not an ISO 3166-1 alpha-2 code.</summary>
    public const string UnknownCountryCode = "GE0201";
    /// <summary>Two documents of one type share a slug (and so an output path).</summary>
    public const string DuplicateSlug = "GE0202";
    /// <summary>A document refers to a country that has no published assessment.</summary>
    public const string CountryWithoutAssessment = "GE0203";
    /// <summary>A slug that is not lower-case letters, digits and hyphens.</summary>
    public const string InvalidSlug = "GE0204";
    /// <summary>site.yml is missing.</summary>
    public const string MissingSiteConfig = "GE0205";
    /// <summary>A Markdown link to a content document that does not exist or is a draft.</summary>
    public const string BrokenLink = "GE0206";
    /// <summary>An image or link to a file under content/ that does not exist.</summary>
    public const string MissingFile = "GE0207";
    /// <summary>A reference by slug to a practice, organisation or activity that does not exist or is a draft (see_also, translations,
    /// supports, initiatives, practice; organisation, operator, organisers; activity).</summary>
    public const string UnknownReference = "GE0208";
    /// <summary>A date or year in the future (warning).</summary>
    public const string FutureDate = "GE0209";
    /// <summary>A link starting with '/', which breaks offline copies (warning).</summary>
    public const string AbsoluteLink = "GE0210";
    /// <summary>An activity that depends on one that does not exist, or on itself through a cycle.</summary>
    public const string BadDependency = "GE0211";
    /// <summary>A pillar names an indicator, or a year of it, that content/data/indicators.csv has no value for.</summary>
    public const string UnknownIndicator = "GE0212";
    /// <summary>A published document still holds a text 'ge new' wrote for the editor to replace (warning).</summary>
    public const string PlaceholderText = "GE0213";

    // Templates and output
    /// <summary>A template does not parse or fails while rendering.</summary>
    public const string TemplateError = "GE0301";
    /// <summary>The output folder cannot be written or is not a generated site.</summary>
    public const string OutputError = "GE0401";

    /// <summary>A file given to <c>ge import</c> that is not a questionnaire the survey page saved.</summary>
    public const string NotAQuestionnaire = "GE0501";

    /// <summary>A questionnaire's content file that is not a draft.</summary>
    public const string NotADraft = "GE0502";

    /// <summary>Every code with a one-line description, for the README and <c>--help</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        [MalformedYaml] = "malformed YAML",
        [MissingFrontMatter] = "Markdown document without front matter",
        [UnterminatedFrontMatter] = "front matter not closed by ---",
        [UnknownFile] = "file that belongs to no content type (warning)",
        [UnreadableFile] = "file cannot be read",
        [LinkedFile] = "symbolic link or special file under content/",
        [UnknownField] = "unknown field (with a did-you-mean suggestion)",
        [WrongType] = "value of the wrong type",
        [MissingField] = "required field missing",
        [ValueNotAllowed] = "value not in the allowed list",
        [ValueOutOfRange] = "value out of range or of the wrong form",
        [DuplicateKey] = "same key twice in a mapping",
        [UnsafeUrl] = "web address with a scheme other than http, https or mailto",
        [LimitExceeded] = "nesting, count, length or size beyond its limit",
        [ReservedName] = "file name a file system reserves, or too long",
        [UnknownCountryCode] = "not an ISO 3166-1 alpha-2 country code",
        [DuplicateSlug] = "two documents with the same slug",
        [CountryWithoutAssessment] = "reference to a country without a published assessment",
        [InvalidSlug] = "slug is not lower-case letters, digits and hyphens",
        [MissingSiteConfig] = "content/site.yml missing",
        [BrokenLink] = "link to a content document that does not exist or is a draft",
        [MissingFile] = "image or file link to a file missing under content/",
        [UnknownReference] = "reference by slug to a practice, organisation or activity that does not exist or is a draft",
        [FutureDate] = "date or year in the future (warning)",
        [AbsoluteLink] = "link starting with '/', which breaks offline copies (warning)",
        [BadDependency] = "activity depends on one that does not exist, or on itself (cycle)",
        [UnknownIndicator] = "a pillar names an indicator, or a year of it, with no value in content/data/indicators.csv",
        [PlaceholderText] = "a published document still holds a placeholder that 'ge new' wrote (warning)",
        [TemplateError] = "template error",
        [OutputError] = "output folder cannot be written",
        [NotAQuestionnaire] = "a file given to 'ge import' is not a questionnaire the survey page saved",
        [NotADraft] = "a questionnaire's content file is not a draft",
    };
}
