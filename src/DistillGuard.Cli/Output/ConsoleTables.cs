using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DistillGuard.Cli.Output;

/// <summary>Small helpers for plain, escaped tables: every cell is literal text, never markup.</summary>
public static class ConsoleTables
{
    /// <summary>A table with a title and literal column headers.</summary>
    public static Table Create(string title, params string[] headers)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape(title)), Border = TableBorder.Rounded };
        foreach (string header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header)));
        }
        return table;
    }

    /// <summary>Right-aligns the given (0-based) columns, e.g. the numeric ones.</summary>
    public static Table RightAlign(this Table table, params int[] columns)
    {
        foreach (int i in columns)
        {
            table.Columns[i].RightAligned();
        }
        return table;
    }

    /// <summary>Adds a row of literal cells (no markup interpretation).</summary>
    public static Table Row(this Table table, params string[] cells)
    {
        table.AddRow(cells.Select(c => (IRenderable)new Text(c)).ToArray());
        return table;
    }

    /// <summary>A ratio with four decimals, invariant culture.</summary>
    public static string Ratio(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>A count with thousands separators, invariant culture.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
