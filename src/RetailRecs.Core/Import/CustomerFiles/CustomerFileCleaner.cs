using System.Net.Mail;
using RetailRecs.Core.Import.Cleaning;
using RetailRecs.Core.Import.Mapping;
using RetailRecs.Core.Import.Tabular;
using F = RetailRecs.Core.Import.Mapping.CustomerFields;
using R = RetailRecs.Core.Import.Cleaning.CleaningRules;

namespace RetailRecs.Core.Import.CustomerFiles;

/// <summary>Cleans a customers file into one record per customer id (the last row of an id wins), with the report.</summary>
public static class CustomerFileCleaner
{
    public static (IReadOnlyList<CustomerRecord> Customers, CleaningReport Report) Clean(TabularFile file, ColumnMapping mapping, DateTime now,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default, int maxKeptRejections = CleaningReport.DefaultMaxKeptRejections,
        DateOrder dateOrder = DateOrder.Detect)
    {
        var report = new CleaningReport(maxKeptRejections);
        report.DescribeFile(file, mapping);
        report.Notes.Add("Customers already stored are updated with the values this file gives; fields it does not have are left as they were.");
        var rows = new RowCleaner(mapping, report);
        var byCode = new Dictionary<string, CustomerRecord>(StringComparer.Ordinal);
        // Customer lists are read whole, so the date order is decided from every date in them.
        var all = file.Rows.ToList();
        var dates = FlexibleDate.For(dateOrder, () => new[] { mapping.ColumnOf(F.JoinedOn), mapping.ColumnOf(F.BirthYear) }
            .Where(c => c >= 0).SelectMany(c => all.Where(r => c < r.Cells.Length).Select(r => r.Cells[c])));

        rows.ForEach(all, row =>
        {
            var cells = row.Cells;
            var code = rows.Text(F.CustomerId, cells) is { } raw && !ImportedCustomerCode.IsPlaceholder(raw) ? ImportedCustomerCode.Of(raw) : null;
            if (code is null)
            {
                report.Rejected(R.Unreadable, row.RowNumber, cells, "no customer id");
                return;
            }
            if (code.Length > TransactionCleanerLimits.CustomerCode)
            {
                report.Rejected(R.TooLong, row.RowNumber, cells, "customer id over 64 characters");
                return;
            }
            var email = rows.Text(F.Email, cells)?.ToLowerInvariant();
            if (email is not null && (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || email.Length > 256))
            {
                report.Applied(R.InvalidEmail, $"row {row.RowNumber}");
                email = null;
            }
            var joinedText = rows.Text(F.JoinedOn, cells);
            var birthText = rows.Text(F.BirthYear, cells);
            DateOnly? joined = joinedText is not null && dates.TryParse(joinedText, out var j) ? DateOnly.FromDateTime(j) : null;
            var birthYear = BirthYear(birthText, dates);
            // Said, not dropped in silence: a new customer without a readable joined date counts as joining today.
            if (joinedText is not null && joined is null)
            {
                report.Applied(R.UnreadableCustomerDate, $"row {row.RowNumber}: joined '{Short(joinedText)}'");
            }
            if (birthText is not null && birthYear is null)
            {
                report.Applied(R.UnreadableCustomerDate, $"row {row.RowNumber}: born '{Short(birthText)}'");
            }
            if (birthYear is { } y && (y < 1900 || y > now.Year))
            {
                report.Applied(R.ImplausibleBirthYear, $"row {row.RowNumber}: {y}");
                birthYear = null;
            }
            var (country, changed) = CountryNames.Normalise(rows.Text(F.Country, cells));
            if (changed)
            {
                report.Applied(R.CountryNormalised, $"row {row.RowNumber}: → {country ?? "unknown"}");
            }
            if (byCode.ContainsKey(code))
            {
                report.Applied(R.DuplicateKey, $"row {row.RowNumber}: {code}");
            }
            byCode[code] = new CustomerRecord(code,
                Limit(rows.Text(F.FirstName, cells), 100), Limit(rows.Text(F.LastName, cells), 100), email,
                Limit(rows.Text(F.Phone, cells), 40), Limit(rows.Text(F.LoyaltyNumber, cells), 40),
                Limit(country, 64), Limit(rows.Text(F.Region, cells), 64), birthYear, Gender(rows.Text(F.Gender, cells)), joined,
                Consents(rows.Text(F.Consent, cells), rows.Text(F.OptOut, cells), report, row.RowNumber));
        }, progress, ct);

        report.RowsKept = byCode.Count;
        return (byCode.Values.ToList(), report);
    }

    /// <summary>A year ("1980") or a full date of birth, from which only the year is kept (data minimisation).</summary>
    private static int? BirthYear(string? text, FlexibleDate dates) =>
        text is null ? null
        : int.TryParse(text, out var year) && text.Length == 4 ? year
        : dates.TryParse(text, out var date) ? date.Year
        : null;

    /// <summary>
    /// The customer's choice from a consent column (yes agrees) or an opt-out column (yes objects); when a file has both,
    /// an objection in either wins. A value that is neither yes nor no changes nothing: a choice is never guessed.
    /// </summary>
    private static bool? Consents(string? consent, string? optOut, CleaningReport report, int rowNumber)
    {
        var agrees = YesNo.Read(consent, report, rowNumber);
        var objects = YesNo.Read(optOut, report, rowNumber);
        return agrees == false || objects == true ? false
            : agrees == true || objects == false ? true
            : null;
    }

    private static string? Gender(string? text) => text?.ToLowerInvariant() switch
    {
        null => null,
        "f" or "female" or "woman" or "w" => "Female",
        "m" or "male" or "man" => "Male",
        "x" or "other" or "non-binary" or "nonbinary" or "diverse" => "Other",
        _ => null, // "prefer not to say" and unknown spellings are not guessed
    };

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string? Limit(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
