using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RetailRecs.Web.Tests.Cli;

/// <summary>Reads what a CLI process left in its SQLite file, on a connection of its own (no pool: the file is deleted after).</summary>
internal static class SqliteFile
{
    /// <summary>The first column of the first row as text ("" for none or NULL).</summary>
    public static string Text(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>A consistent copy of the file (SQLite's online backup, so what is still in the write-ahead log comes too).</summary>
    public static void Copy(string path, string to)
    {
        using var source = new SqliteConnection($"Data Source={path};Pooling=False");
        using var target = new SqliteConnection($"Data Source={to};Pooling=False");
        source.Open();
        target.Open();
        source.BackupDatabase(target);
    }
}
