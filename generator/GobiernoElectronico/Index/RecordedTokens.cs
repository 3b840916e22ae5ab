using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace GobiernoElectronico.Index;

/// <summary>
/// The tokens an analyzer made of one field's text, recorded on one thread and replayed to the index writer on
/// another (<see cref="SearchIndex.Build"/>): analysis — tokenizing, folding, stemming — is most of the time the writer
/// spends on a document, and the writer itself must take the documents in order on one thread. What the writer reads
/// of a token is replayed as the analyzer left it: the term, its position increment and offsets, and after the last
/// token the final increment and offsets of <see cref="TokenStream.End"/> (stop words at the end of a text), so
/// the index is the same byte for byte as one that analysed its text itself.
/// </summary>
internal sealed class RecordedTokens : TokenStream
{
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _increment;
    private readonly IOffsetAttribute _offset;

    private char[] _chars = [];
    private int _length;

    /// <summary>Per token: where its term ends in <see cref="_chars"/>, its position increment, start and end offsets.</summary>
    private int[] _tokens = [];
    private int _count;
    private int _finalIncrement, _finalStart, _finalEnd;
    private int _next;

    private RecordedTokens()
    {
        _term = AddAttribute<ICharTermAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
    }

    /// <summary>Runs <paramref name="analyzer"/> over <paramref name="text"/> as the index writer would for
    /// <paramref name="field"/>, keeping every token.</summary>
    public static RecordedTokens Of(Analyzer analyzer, string field, string text)
    {
        var recorded = new RecordedTokens();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        if (stream.HasAttribute<IPayloadAttribute>())
            throw new InvalidOperationException("a recorded token stream does not replay payloads"); // no analyzer of this index makes them
        stream.Reset();
        while (stream.IncrementToken()) recorded.Add(term, increment.PositionIncrement, offset.StartOffset, offset.EndOffset);
        stream.End();
        (recorded._finalIncrement, recorded._finalStart, recorded._finalEnd) = (increment.PositionIncrement, offset.StartOffset, offset.EndOffset);
        return recorded;
    }

    private void Add(ICharTermAttribute term, int increment, int start, int end)
    {
        if (_length + term.Length > _chars.Length) Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + term.Length + 64));
        Array.Copy(term.Buffer, 0, _chars, _length, term.Length);
        _length += term.Length;
        if ((_count + 1) * 4 > _tokens.Length) Array.Resize(ref _tokens, Math.Max(_tokens.Length * 2, 64));
        var at = _count * 4;
        _tokens[at] = _length;
        _tokens[at + 1] = increment;
        _tokens[at + 2] = start;
        _tokens[at + 3] = end;
        _count++;
    }

    /// <summary>How many tokens were recorded.</summary>
    public int Count => _count;

    public override bool IncrementToken()
    {
        if (_next == _count) return false;
        ClearAttributes();
        var at = _next * 4;
        var from = _next == 0 ? 0 : _tokens[at - 4];
        _term.CopyBuffer(_chars, from, _tokens[at] - from);
        _increment.PositionIncrement = _tokens[at + 1];
        _offset.SetOffset(_tokens[at + 2], _tokens[at + 3]);
        _next++;
        return true;
    }

    public override void End()
    {
        base.End();
        _increment.PositionIncrement = _finalIncrement;
        _offset.SetOffset(_finalStart, _finalEnd);
    }

    public override void Reset()
    {
        base.Reset();
        _next = 0;
    }
}
