using System.Text.Json;

namespace DistillGuard.Simulation.Evaluation;

/// <summary>
/// Reads the flat string/number fields of one JSON-lines object without allocating: string values are unescaped
/// into reusable buffers (one per field slot), numbers are read as doubles, everything else is skipped.
/// </summary>
internal sealed class JsonLineScanner
{
    private readonly byte[][] _names;
    private readonly char[][] _chars;
    private readonly int[] _lengths;
    private readonly JsonTokenType[] _kinds;
    private readonly double[] _numbers;

    /// <param name="fieldNames">The property names to capture, in slot order.</param>
    public JsonLineScanner(params string[] fieldNames)
    {
        _names = fieldNames.Select(n => System.Text.Encoding.UTF8.GetBytes(n)).ToArray();
        _chars = fieldNames.Select(_ => new char[128]).ToArray();
        _lengths = new int[fieldNames.Length];
        _kinds = new JsonTokenType[fieldNames.Length];
        _numbers = new double[fieldNames.Length];
    }

    /// <summary>Kind of value slot <paramref name="slot"/> had: String, Number, Null, True/False, StartObject/StartArray, or None when absent.</summary>
    public JsonTokenType Kind(int slot) => _kinds[slot];

    public ReadOnlySpan<char> String(int slot) => _chars[slot].AsSpan(0, _lengths[slot]);

    public double Number(int slot) => _numbers[slot];

    /// <summary>Parses <paramref name="line"/>; on failure <paramref name="error"/> says why and the slots are undefined.</summary>
    public bool TryScan(ReadOnlySpan<byte> line, out string? error)
    {
        Array.Clear(_kinds);
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "not a JSON object";
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                int slot = -1;
                for (int i = 0; i < _names.Length; i++)
                {
                    if (reader.ValueTextEquals(_names[i]))
                    {
                        slot = i;
                        break;
                    }
                }
                reader.Read();
                if (slot < 0)
                {
                    reader.Skip();
                    continue;
                }
                _kinds[slot] = reader.TokenType;
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        int max = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
                        if (_chars[slot].Length < max)
                        {
                            _chars[slot] = new char[Math.Max(max, _chars[slot].Length * 2)];
                        }
                        _lengths[slot] = reader.CopyString(_chars[slot]);
                        break;
                    case JsonTokenType.Number:
                        if (!reader.TryGetDouble(out _numbers[slot]))
                        {
                            _numbers[slot] = double.NaN;
                        }
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                error = "unexpected content after the JSON object";
                return false;
            }
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            // The reader's message ends with its own position ("LineNumber: 0 | ..."), meaningless for one line: say the byte instead.
            string message = ex.Message;
            int at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            error = $"invalid JSON at byte {ex.BytePositionInLine + 1}: {(at > 0 ? message[..at] : message)}";
            return false;
        }
        catch (InvalidOperationException ex)
        {
            error = "invalid JSON: " + ex.Message;
            return false;
        }
    }
}
