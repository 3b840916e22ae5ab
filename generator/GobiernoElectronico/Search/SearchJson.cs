using System.Text.Encodings.Web;
using System.Text.Json;

namespace GobiernoElectronico.Search;

/// <summary>The JSON of a search response, shared by <c>ge search --json</c> and <c>/api/search</c>.</summary>
public static class SearchJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(SearchResponse response) => JsonSerializer.Serialize(response, Options);
}
