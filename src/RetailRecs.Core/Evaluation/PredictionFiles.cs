using System.Globalization;
using RetailRecs.Core.Common;
using RetailRecs.Core.Recommendations.Scoring;

namespace RetailRecs.Core.Evaluation;

/// <summary>
/// Writes an evaluation's lists so any other tool can score them: per model and track `model_track.csv`
/// (userID,itemID,rank,score) and per track `truth_track.csv` (userID,itemID), in the source's own customer ids and
/// product codes. Every test customer has a list (a model with nothing to say gets the popularity fill).
/// </summary>
public static class PredictionFiles
{
    /// <summary>
    /// Customers' codes beside what they bought: personal data, readable and writable by its owner only, as exports and
    /// backups are (set before any byte is written).
    /// </summary>
    private static StreamWriter OwnerOnly(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        var writer = new StreamWriter(path, new System.Text.UTF8Encoding(false), options);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // a file written before keeps its mode otherwise
        }
        return writer;
    }

    /// <param name="customerCodes">Source customer id by database id.</param>
    public static async Task WriteAsync(EvaluationService.Outcome outcome, IReadOnlyDictionary<int, string> customerCodes, string directory)
    {
        Directory.CreateDirectory(directory);
        var split = outcome.Split;
        string User(int index) => CsvCell.Escape(customerCodes[split.All.CustomerIds[index]]);
        string Item(int index) => CsvCell.Escape(split.All.Items[index].Sku);
        foreach (var lists in outcome.Lists)
        {
            await using var writer = OwnerOnly(Path.Combine(directory, $"{lists.Model}_{Name(lists.Track)}.csv"));
            await writer.WriteLineAsync("userID,itemID,rank,score");
            foreach (var (customer, items) in lists.PerCustomer)
            {
                for (var rank = 0; rank < items.Count; rank++)
                {
                    await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{User(customer)},{Item(items[rank].Item)},{rank + 1},{items[rank].Score:G6}"));
                }
            }
        }
        foreach (var track in outcome.Lists.Select(l => l.Track).Distinct())
        {
            await using var writer = OwnerOnly(Path.Combine(directory, $"truth_{Name(track)}.csv"));
            await writer.WriteLineAsync("userID,itemID");
            foreach (var test in split.CustomersFor(track))
            {
                foreach (var item in test.Truth.Order())
                {
                    await writer.WriteLineAsync($"{User(test.Customer)},{Item(item)}");
                }
            }
        }
    }

    private static string Name(EvaluationTrack track) => track.ToString().ToLowerInvariant();
}
