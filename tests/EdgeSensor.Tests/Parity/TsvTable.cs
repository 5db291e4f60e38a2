namespace EdgeSensor.Tests.Parity;

/// <summary>A TSV with a header line, rows addressed by column name.</summary>
public sealed class TsvTable
{
    private TsvTable(string[] header, List<string[]> rows)
    {
        Header = header;
        Rows = rows;
        Index = header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i, StringComparer.Ordinal);
    }

    public string[] Header { get; }

    public List<string[]> Rows { get; }

    public Dictionary<string, int> Index { get; }

    public static TsvTable Parse(string text)
    {
        var lines = text.Split('\n').Where(l => l.Length > 0).ToList();
        string[] header = lines[0].Split('\t');
        var rows = lines.Skip(1).Select(l =>
        {
            var cells = l.Split('\t');
            if (cells.Length < header.Length)
            {
                Array.Resize(ref cells, header.Length);
                for (int i = 0; i < cells.Length; i++)
                {
                    cells[i] ??= string.Empty;
                }
            }

            return cells;
        }).ToList();
        return new TsvTable(header, rows);
    }

    public string Get(string[] row, string column) => Index.TryGetValue(column, out int i) && i < row.Length ? row[i] : string.Empty;
}
