using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Hashing;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.InteropServices;
using GobiernoElectronico.Hashing;
using GobiernoElectronico.Model;

namespace GobiernoElectronico.Render;

/// <summary>
/// The hash of a page's view model, for its fingerprint (<see cref="RenderCache"/>): every value the model holds, walked
/// as a JSON serialiser would walk it (dictionaries in their order, lists, each object's public properties), each value
/// written with its kind and length into a 128-bit XXH3 hash. No text is made: strings go in as their UTF-16 code units.
/// </summary>
/// <remarks>
/// It replaced the SHA-256 of the model's JSON (System.Text.Json): at 20,000 practices, 70,000 pages, that serialisation
/// was a sixth of the render stage's time. A fingerprint only has to change when a page's inputs change; it is not a
/// defence against someone who forges collisions, since whoever edits the content decides the pages anyway.
/// An object's properties are read through a getter compiled once per type, never by reflection per page.
/// </remarks>
internal sealed class ModelHash
{
    /// <summary>Nesting deeper than this is refused, as the JSON serialiser refused it (a model that refers to itself).</summary>
    public const int MaxDepth = 64;

    private readonly XxHash128 _hash = new();
    private readonly byte[] _buffer = new byte[4096];
    private int _used;

    [ThreadStatic]
    private static ModelHash? t_hasher;

    /// <summary>The hash of <paramref name="value"/>.</summary>
    public static Hash128 Of(object? value)
    {
        var hasher = t_hasher ?? new ModelHash();
        t_hasher = null; // in use: a hash made while this one is (a getter that hashes) gets a hasher of its own
        try
        {
            hasher._hash.Reset();
            hasher._used = 0;
            hasher.Value(value, 0);
            hasher.Flush();
            return Hash128.CurrentOf(hasher._hash);
        }
        finally
        {
            t_hasher = hasher;
        }
    }

    private enum Kind : byte
    {
        Null, Text, True, False, Integer, Real, Decimal, Html, HtmlKey, Markdown, Instant, Formatted, Map, List, Object, End,
    }

    private void Value(object? value, int depth)
    {
        if (depth > MaxDepth) throw new InvalidOperationException($"a page model is nested deeper than {MaxDepth} levels");
        switch (value)
        {
            case null: Put(Kind.Null); break;
            case string s: Put(Kind.Text); Text(s); break;
            case char c: Put(Kind.Integer); Integer(c); break;
            case bool b: Put(b ? Kind.True : Kind.False); break;
            case int i: Put(Kind.Integer); Integer(i); break;
            case long l: Put(Kind.Integer); Integer(l); break;
            case double d: Put(Kind.Real); Integer(BitConverter.DoubleToInt64Bits(d)); break;
            case float f: Put(Kind.Real); Integer(BitConverter.DoubleToInt64Bits(f)); break;
            case decimal m: Put(Kind.Decimal); Text(m.ToString(CultureInfo.InvariantCulture)); break;
            case Enum e: Put(Kind.Integer); Integer(Convert.ToInt64(e, CultureInfo.InvariantCulture)); break;
            case RawHtml h when h.Key is { } key: Put(Kind.HtmlKey); Text(key); break;
            case RawHtml h: Put(Kind.Html); Text(h.Html); break;
            case MarkdownText t: Put(Kind.Markdown); Integer(t.Utf8.Length); Bytes(t.Utf8); break;
            case DateTime t: Put(Kind.Instant); Integer(t.Ticks); Integer((long)t.Kind); break;
            case DateTimeOffset t: Put(Kind.Instant); Integer(t.Ticks); Integer(t.Offset.Ticks); break;
            case IFormattable f when value.GetType().IsValueType: Put(Kind.Formatted); Text(f.ToString(null, CultureInfo.InvariantCulture)); break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                Put(Kind.Map);
                foreach (var (key, item) in map)
                {
                    Text(key);
                    Value(item, depth + 1);
                }
                Put(Kind.End);
                break;
            case IDictionary map:
                Put(Kind.Map);
                foreach (DictionaryEntry entry in map)
                {
                    Text(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "");
                    Value(entry.Value, depth + 1);
                }
                Put(Kind.End);
                break;
            case IEnumerable list:
                Put(Kind.List);
                foreach (var item in list) Value(item, depth + 1);
                Put(Kind.End);
                break;
            default:
                Put(Kind.Object);
                foreach (var property in Properties.GetOrAdd(value.GetType(), Getters))
                {
                    Text(property.Name);
                    Value(property.Get(value), depth + 1);
                }
                Put(Kind.End);
                break;
        }
    }

    private sealed record Getter(string Name, Func<object, object?> Get);

    private static readonly ConcurrentDictionary<Type, Getter[]> Properties = new();

    /// <summary>The public instance properties a JSON serialiser writes (readable, not indexers), and the public fields
    /// (which it left out: a tuple's items count here), in declaration order, each with a getter compiled once.</summary>
    private static Getter[] Getters(Type type) =>
        type.GetMembers(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m is FieldInfo || (m is PropertyInfo p && p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0))
            .OrderBy(m => m.MetadataToken)
            .Select(m =>
            {
                var instance = Expression.Parameter(typeof(object));
                var read = Expression.Convert(Expression.MakeMemberAccess(Expression.Convert(instance, type), m), typeof(object));
                return new Getter(m.Name, Expression.Lambda<Func<object, object?>>(read, instance).Compile());
            })
            .ToArray();

    private void Put(Kind kind)
    {
        if (_used == _buffer.Length) Flush();
        _buffer[_used++] = (byte)kind;
    }

    private void Integer(long value)
    {
        if (_buffer.Length - _used < sizeof(long)) Flush();
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_used), value);
        _used += sizeof(long);
    }

    /// <summary>A string: its length, then its UTF-16 code units.</summary>
    private void Text(string text)
    {
        Integer(text.Length);
        Bytes(MemoryMarshal.AsBytes(text.AsSpan()));
    }

    private void Bytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _used)
        {
            Flush();
            if (bytes.Length > _buffer.Length)
            {
                _hash.Append(bytes);
                return;
            }
        }
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    private void Flush()
    {
        _hash.Append(_buffer.AsSpan(0, _used));
        _used = 0;
    }
}
