using Lucene.Net.Codecs;
using Lucene.Net.Codecs.Lucene46;
using Lucene.Net.Index;
using Lucene.Net.Store;

namespace GobiernoElectronico.Index;

/// <summary>
/// Lucene 4.6's codec, except that segment diagnostics keep only what does not depend on when and where the
/// index was built (Lucene writes a timestamp, the OS and the runtime version into every segment). The
/// same content then gives the same index bytes, like every other file of the site.
/// </summary>
[CodecName("GeDeterministic46")]
public sealed class DeterministicCodec : FilterCodec
{
    private static readonly object Gate = new();
    private static bool _registered;

    private readonly SegmentInfoFormat _segmentInfoFormat = new Format();

    public DeterministicCodec() : base(new Lucene46Codec()) { }

    public override SegmentInfoFormat SegmentInfoFormat => _segmentInfoFormat;

    /// <summary>Makes the codec known to Lucene (to read the indexes it writes). Idempotent.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered) return;
            Codec.SetCodecFactory(new DefaultCodecFactory { CustomCodecTypes = [typeof(DeterministicCodec)] });
            _registered = true;
        }
    }

    private sealed class Format : SegmentInfoFormat
    {
        private readonly Lucene46SegmentInfoFormat _inner = new();
        private readonly SegmentInfoWriter _writer;

        public Format() => _writer = new Writer(_inner.SegmentInfoWriter);

        public override SegmentInfoReader SegmentInfoReader => _inner.SegmentInfoReader;

        public override SegmentInfoWriter SegmentInfoWriter => _writer;
    }

    private sealed class Writer(SegmentInfoWriter inner) : SegmentInfoWriter
    {
        private static readonly HashSet<string> Kept = new(StringComparer.Ordinal) { "source", "lucene.version", "mergeFactor", "mergeMaxNumSegments" };

        public override void Write(Lucene.Net.Store.Directory dir, SegmentInfo si, FieldInfos fis, IOContext ioContext)
        {
            si.Diagnostics = si.Diagnostics.Where(d => Kept.Contains(d.Key)).ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
            inner.Write(dir, si, fis, ioContext);
        }
    }
}
