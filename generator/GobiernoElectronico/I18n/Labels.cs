using System.Globalization;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Load;
using Scriban.Runtime;

namespace GobiernoElectronico.I18n;

/// <summary>
/// The interface strings of one language, from <c>templates/i18n/&lt;lang&gt;.yml</c>: a translator edits that
/// file, never a template. Templates reach them as <c>t.section.key</c>; vocabulary labels (pillars, levels,
/// statuses…) are looked up here by C# when the page models are built.
/// </summary>
public sealed class Labels
{
    private readonly Dictionary<string, string> _flat;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _missing = new(StringComparer.Ordinal);

    private Labels(string language, Dictionary<string, string> flat, ScriptObject tree, string file)
    {
        FilePath = file;
        Language = language;
        _flat = flat;
        Tree = tree;
        Culture = CultureInfo.GetCultureInfo(language);
    }

    /// <summary>The same strings, with nothing asked for yet: for the next build of a builder that lives on.</summary>
    private Labels Fresh() => new(Language, _flat, Tree, FilePath);

    /// <summary>
    /// Keeps each language's parsed strings while its file is unchanged (same time stamp and length): <c>ge serve</c>
    /// builds after every save, and parsing the three files took milliseconds of each edit's page time.
    /// </summary>
    public sealed class Cache
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTime Modified, long Length, Labels Labels)> _kept =
            new(StringComparer.Ordinal);

        public Labels? Load(string templatesRoot, string language, DiagnosticBag diagnostics)
        {
            var info = new FileInfo(Path.Combine(templatesRoot, "i18n", language + ".yml"));
            if (info.Exists && _kept.TryGetValue(info.FullName, out var kept) && kept.Modified == info.LastWriteTimeUtc && kept.Length == info.Length)
                return kept.Labels.Fresh();
            var labels = Labels.Load(templatesRoot, language, diagnostics);
            if (labels is not null && info.Exists) _kept[info.FullName] = (info.LastWriteTimeUtc, info.Length, labels.Fresh());
            else _kept.TryRemove(info.FullName, out _);
            return labels;
        }
    }

    public string Language { get; }

    /// <summary>The file the strings come from, as diagnostics show it.</summary>
    public string FilePath { get; }

    public CultureInfo Culture { get; }

    /// <summary>The strings as a Scriban object for templates (<c>t</c>).</summary>
    public ScriptObject Tree { get; }

    /// <summary>Loads <c>i18n/&lt;language&gt;.yml</c> from the templates folder; null (reported) if missing or malformed.</summary>
    public static Labels? Load(string templatesRoot, string language, DiagnosticBag diagnostics)
    {
        var file = Path.Combine(templatesRoot, "i18n", language + ".yml");
        var display = ContentLoader.DisplayPath(file);
        if (!File.Exists(file))
        {
            diagnostics.Error(display, SourcePosition.FileStart, ErrorCodes.TemplateError, $"interface strings for '{language}' not found");
            return null;
        }
        if (!YamlReader.TryParse(File.ReadAllText(file), display, 0, diagnostics, out var node) || node is not YamlMapping root) return null;
        var flat = new Dictionary<string, string>(StringComparer.Ordinal);
        var tree = ToScriptObject(root, "", flat);
        return new Labels(language, flat, tree, display);
    }

    private static ScriptObject ToScriptObject(YamlMapping mapping, string prefix, Dictionary<string, string> flat)
    {
        var result = new ScriptObject();
        foreach (var (key, value) in mapping.Entries)
        {
            var path = prefix + key.Value;
            if (value is YamlMapping child) result[key.Value] = ToScriptObject(child, path + ".", flat);
            else if (value is YamlScalar s) result[key.Value] = flat[path] = s.Value;
        }
        return result;
    }

    /// <summary>The string at <paramref name="path"/> (e.g. <c>vocab.status.operating</c>). A string this language lacks
    /// is remembered (<see cref="Report"/> makes it a build error) and stands in as its key's last word meanwhile.</summary>
    public string Get(string path)
    {
        if (_flat.TryGetValue(path, out var s)) return s;
        _missing.TryAdd(path, 0);
        return path[(path.LastIndexOf('.') + 1)..];
    }

    /// <summary>Reports every string a page asked for that this language's file lacks, as an error at the file.</summary>
    public void Report(DiagnosticBag diagnostics)
    {
        foreach (var path in _missing.Keys.Order(StringComparer.Ordinal))
            diagnostics.Error(FilePath, SourcePosition.FileStart, ErrorCodes.TemplateError,
                $"the interface string '{path}' is missing; add it (the pages would show '{path[(path.LastIndexOf('.') + 1)..]}')");
    }

    /// <summary>The string at <paramref name="path"/>, or null when this language has none.</summary>
    public string? Find(string path) => _flat.GetValueOrDefault(path);

    /// <summary>The label of a vocabulary value: <c>Vocab("status", "operating")</c>.</summary>
    public string Vocab(string group, string key) => Get($"vocab.{group}.{key}");

    /// <summary>Every string under <paramref name="prefix"/> (e.g. <c>search.js</c>), keyed by the rest of its path.</summary>
    public IReadOnlyDictionary<string, string> Section(string prefix) =>
        _flat.Where(p => p.Key.StartsWith(prefix + ".", StringComparison.Ordinal))
             .ToDictionary(p => p.Key[(prefix.Length + 1)..], p => p.Value, StringComparer.Ordinal);

    /// <summary>The label of a maturity level on a pillar's scale.</summary>
    public string Level(string pillar, string level) => Get($"vocab.level.{pillar}.{level}");

    /// <summary>A date in the language's long form.</summary>
    public string Date(DateOnly date) => date.ToString(Get("format.date"), Culture);

    /// <summary>A number with the language's decimal separator, at most two decimals.</summary>
    public string Number(double value) => value.ToString("#,##0.##", Culture);
}
