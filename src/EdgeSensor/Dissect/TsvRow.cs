namespace EdgeSensor.Dissect;

/// <summary>
/// One output row of <c>edge-sensor dissect</c>: values addressed by the reference's column names.
/// Used only for the human/diff output, never on the capture hot path.
/// </summary>
public sealed class TsvRow
{
    private readonly IReadOnlyList<string> _columns;
    private readonly Dictionary<string, int> _index;
    private readonly string[] _values;

    public TsvRow(IReadOnlyList<string> columns)
    {
        _columns = columns;
        _index = new Dictionary<string, int>(columns.Count, StringComparer.Ordinal);
        for (int i = 0; i < columns.Count; i++)
        {
            _index[columns[i]] = i;
        }

        _values = new string[columns.Count];
        Clear();
    }

    public IReadOnlyList<string> Columns => _columns;

    public string this[string column]
    {
        get => _values[IndexOf(column)];
        set => _values[IndexOf(column)] = value;
    }

    public void Clear() => Array.Fill(_values, string.Empty);

    /// <summary>Appends <paramref name="value"/> to a multi-valued column, joined with ',' as the reference does.</summary>
    public void Append(string column, string value)
    {
        int i = IndexOf(column);
        _values[i] = _values[i].Length == 0 ? value : _values[i] + "," + value;
    }

    public void WriteTo(TextWriter writer)
    {
        for (int i = 0; i < _values.Length; i++)
        {
            if (i > 0)
            {
                writer.Write('\t');
            }

            writer.Write(_values[i]);
        }

        writer.Write('\n');
    }

    private int IndexOf(string column) =>
        _index.TryGetValue(column, out int i) ? i : throw new ArgumentException($"unknown column '{column}'", nameof(column));
}
