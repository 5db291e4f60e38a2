using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Edge.Contracts.Tests.Serialization;

/// <summary>
/// Golden-file comparison. Golden files are indented (readable, reviewable diffs); the test checks two things:
/// the serializer's indented output equals the file byte for byte (line endings normalised), and the wire form
/// (compact, the context's own options) equals the file re-written compactly, so nothing but whitespace differs.
/// </summary>
internal static class GoldenJson
{
    public static string Read(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Golden", name);
        return Normalise(File.ReadAllText(path, Encoding.UTF8)).TrimEnd('\n');
    }

    public static void AssertMatches<T>(string goldenName, T value, JsonTypeInfo<T> wireType, Func<JsonSerializerOptions, JsonSerializerContext> indentedContext)
    {
        string golden = Read(goldenName);

        var options = new JsonSerializerOptions(wireType.Options) { WriteIndented = true, NewLine = "\n" };
        JsonSerializerContext context = indentedContext(options);
        var indentedType = (JsonTypeInfo<T>)context.GetTypeInfo(typeof(T))!;
        string indented = JsonSerializer.Serialize(value, indentedType);
        Assert.Equal(golden, Normalise(indented));

        string wire = JsonSerializer.Serialize(value, wireType);
        Assert.DoesNotContain('\n', wire);
        Assert.Equal(Compact(golden), wire);
    }

    /// <summary>
    /// The golden text without the whitespace between tokens (strings kept as written). Not a re-serialisation: that would
    /// re-escape what the serializer writes raw (a DateTimeOffset's "+00:00"), hiding or inventing differences.
    /// </summary>
    public static string Compact(string json)
    {
        var builder = new StringBuilder(json.Length);
        bool inString = false;
        for (int i = 0; i < json.Length; i++)
        {
            char c = json[i];
            if (inString)
            {
                builder.Append(c);
                if (c == '\\' && i + 1 < json.Length)
                {
                    builder.Append(json[++i]);   // an escaped character, possibly a quote
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
                builder.Append(c);
            }
            else if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
