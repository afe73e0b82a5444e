using System.Globalization;
using RetailRecs.Cli;

// Figures print one way whatever the machine's language: a German server wrote "0,4120" beside "[0.4100, 0.4300]" in one
// row, and scripts read these lines.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

try
{
    return args switch
    {
        ["make-sample", .. var rest] => MakeSampleCommand.Run(rest),
        ["make-scaled", .. var rest] => MakeScaledCommand.Run(rest),
        ["import", .. var rest] => await ImportCommand.RunAsync(rest),
        ["train", .. var rest] => await TrainCommand.RunAsync(rest),
        ["evaluate", .. var rest] => await EvaluateCommand.RunAsync(rest),
        ["simulate-experiment", .. var rest] => await SimulateExperimentCommand.RunAsync(rest),
        ["segment", .. var rest] => await SegmentCommand.RunAsync(rest),
        ["suggest", .. var rest] => await SuggestCommand.RunAsync(rest),
        ["benchmark", "recommend", .. var rest] => await RecommendBenchmark.RunAsync(rest),
        ["benchmark", "lookup", .. var rest] => await LookupBenchmark.RunAsync(rest),
        ["benchmark", "api", .. var rest] => await ApiLoadBenchmark.RunAsync(rest),
        ["benchmark", "privacy", .. var rest] => await PrivacyBenchmark.RunAsync(rest),
        ["benchmark", "text", .. var rest] => await TextBenchmark.RunAsync(rest),
        ["apikey", .. var rest] => await ApiKeyCommand.RunAsync(rest),
        ["rollups", .. var rest] => await RollupsCommand.RunAsync(rest),
        ["backup", .. var rest] => BackupCommand.Run(rest),
        ["restore", .. var rest] => await RestoreCommand.RunAsync(rest),
        ["privacy", .. var rest] => await PrivacyCommand.RunAsync(rest),
        ["benchmark", .. var rest] => await BenchmarkCommand.RunAsync(rest),
        [] or ["help"] or ["--help"] or ["-h"] => Usage(0),
        _ => Usage(2),
    };
}
catch (CliDatabaseException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
catch (Exception e) when (RetailRecs.Core.Data.StorageFaults.Describe(e) is { } fault)
{
    // The database busy, full or away (a refresh of the rollups, an erasure): its words, not a stack trace.
    Console.Error.WriteLine($"retailrecs {args[0]}: {fault.Message}");
    return 1;
}
catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
{
    // An option's value that cannot be read (a date, a number, a stray word): the message, not a stack trace.
    Console.Error.WriteLine($"retailrecs {args[0]}: {e.Message}");
    Console.Error.WriteLine("Nothing was changed. 'retailrecs help' lists the options.");
    return 2;
}

static int Usage(int exitCode)
{
    var text = """
        retailrecs — RetailRecs command line

          import --kind transactions|products|customers --file PATH [--map "Source column=Field" ...] [--dates day-first|month-first] [--encoding windows-1250|windows-1251|...] [--dry-run]
                 [--database SQLITE-FILE] [--rejections OUT.csv]
              Imports a .csv, .csv.gz or .xlsx file through the same code as the upload page and prints its report.
              Fields: see the README ("Importing data"); for transactions the UCI Online Retail names (InvoiceNo,
              StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country). Without --database it uses the configured database (Database__* environment variables) or the
              web app's default file; a --database file that does not exist is created and migrated.

          train [--algorithms a,b,...] [--from yyyy-MM-dd] [--to yyyy-MM-dd] [--similarity cosine|jaccard|lift|cooccurrence]
                [--selection-track both|repeat|new] [--promote] [--database SQLITE-FILE]
              Trains models on the database's sales (default: every trainable algorithm, the last 24 months with sales up to
              the last: Training__WindowMonths, 0 for every sale; --from sets the start) exactly as the Models page
              does, stores one model run per algorithm and prints their times. Then chooses the champion by evidence:
              every new model is trained again without the last 30 days and scored on them; the best replaces the
              champion only when it beats both the champion and best sellers beyond chance (on both tracks unless
              --selection-track says otherwise). --promote makes the first successful run of the list the champion
              whatever the evidence (an admin's override). Ends with "champion: <algorithm> (run N)". Then removes
              the stored models of runs older than each algorithm's latest Training__KeepRunsPerAlgorithm (default 3),
              except the champion's and those a draft or running experiment names.
              Algorithms: popularity, trending, item-knn, user-knn, content, ffm, hybrid.

          evaluate --transactions FILE [--map "Source column=Field" ...] [--split-date yyyy-MM-dd] [--k 10]
                   [--track repeat|new|both] [--models a,b,...] [--diversity adaptive|fixed|none]
                   [--predictions-out DIR] [--format table|json]
          evaluate --database SQLITE-FILE [same options]
              Offline evaluation exactly as the Models page runs it: the file is imported (same cleaning) into a
              temporary database, every model is trained on the sales before the split (default: the last 30 days
              held out; the training window's months with sales before it, Training__WindowMonths) and scored with the serving rules on what the test customers bought after it; one row per
              model and track, baselines marked *. --predictions-out writes <model>_<track>.csv (userID,itemID,rank,score)
              and truth_<track>.csv (userID,itemID) in the file's own customer ids and product codes. --diversity fixed
              caps every category at 3 of 10 (none: no caps) to measure what the served, adaptive cap costs.

          simulate-experiment --transactions FILE | --database SQLITE-FILE [--a hybrid] [--b popularity] [--k 10]
                   [--split-date yyyy-MM-dd] [--mode replenishment|discovery]
              Replays the held-out sales (default: the last 30 days) as an A/B test between two models trained on the
              sales before the split (the training window's months with sales, as evaluate): each test customer is assigned by the experiments' hash, shown their variant's top
              K, and converts when they bought a shown product after the split (revenue at catalog prices). Prints
              the results table, SRM check and verdict from the Experiments page's statistics.

          segment [--k N] [--min-k N] [--max-k N] [--database SQLITE-FILE]
              Segments every customer with a purchase exactly as the Segments page does (K-means on RFM and behaviour
              features, k chosen by silhouette unless --k fixes it; classic RFM scores beside), stores the run as the
              current one and prints the quality of every k, the segment profiles and the time taken.

          suggest --customer CODE [--mode discovery|replenishment] | --product SKU [--product SKU ...] [--similar]
                  [--count N] [--database SQLITE-FILE]
              Prints what the champion suggests, with the reasons staff see.
          suggest --reasons [--customers N] [--count N] [--database SQLITE-FILE]
              Counts, over a fixed sample of N customers (default 200), how many of the champion's reasons are popular
              picks and how many fall below the thresholds of a reason worth saying (README, "Reasons worth saying").

          benchmark recommend [--database SQLITE-FILE] [--customers N]
              Loads the champion and times top-10 suggestions for N customers (default 1000) in process: p50, p95,
              max, and the loaded model's memory.

          benchmark lookup [--database SQLITE-FILE] [--customers N] [--add-demo-profiles | --by-code]
              Times the associate's lookup for N random customers (default 500): search by 3 letters of the last
              name, open the card, top-10 suggestions; p50/p95 of each and of the whole. An imported export has no
              names: --add-demo-profiles gives them fictional ones first (changes the file: use a copy).

          apikey create --name NAME [--scopes events:write,products:write,customers:write,suggestions:read] [--database SQLITE-FILE]
              Creates an API key for a store system and prints it (once), as the API keys page does.

          benchmark api --url http://127.0.0.1:5099[,http://127.0.0.1:5100...] --key KEY [--database SQLITE-FILE]
                  [--rates 100,250,500,750,1000] [--seconds 10] [--on YYYY-MM-DD]
              From this process, posts one sales event per request to a running app at each rate in turn (open loop),
              prints throughput and p50/p95/p99 latency per step, then checks in the app's database that every accepted
              event was stored exactly once. Several URLs: the instances take the requests in turn (one database).
              Without --database it counts in the configured database (Database__Provider, ConnectionStrings__RetailRecs).
              --on dates the sales that day (default: today).

          benchmark dashboard [--database SQLITE-FILE] [--runs N] [--segment ID] [--queries N] [--stale-month]
              Times the manager dashboard's server work (all its figures for the last 12 months of data), for all
              customers or for one segment of the current segmentation; --queries N lists the N slowest SQL commands;
              --stale-month times it with the last month marked as changed (as after an import, until its refresh).

          rollups [--rebuild] [--database SQLITE-FILE]
              Recomputes the dashboard's monthly sales rollups of every month whose sales changed since (the app
              does it after each import and every minute; sales from the events API are added as they are stored);
              --rebuild recomputes every month, after the lines were changed around the app.

          benchmark text [--database SQLITE-FILE] [--neighbours N]
              Times the text model on the whole catalog as training reads it: the TF-IDF features, then every
              product's N nearest neighbours (default 50); prints CPU time and the products left without a neighbour.
              Then times the automatic categories a first training would give the products without a category
              (their number and the largest one's size; nothing is stored).

          benchmark privacy --database COPY.db [--customers N]
              Times export and erasure (in process, after a warm-up) for the N customers (default 5) with the most order
              lines. It erases them: use a copy of the database.

          backup --out FILE [--database SQLITE-FILE]
              Copies the SQLite database to FILE while the app runs (SQLite's online backup API: every change committed
              before the copy began, none after), checks the copy and prints its migration and counts. FILE must not exist.

          restore --from FILE [--database SQLITE-FILE]
              Puts a backup in place of the database. Refuses a file that is not a RetailRecs database at a migration this
              version knows, and a database the app (or anything) has open: stop the app first. The replaced file is kept
              beside it as <file>.before-restore-<UTC time>.

          privacy export --customer CODE --out FILE.json [--database SQLITE-FILE]
          privacy erase --customer CODE [--database SQLITE-FILE]
              A customer's rights, as on the customer card: export writes everything stored about them as JSON (see the
              README, "Privacy and data rights"); erase removes their personal data, keeps their sales only anonymised,
              and makes the models forget them. Both are audited; an unknown code changes nothing and exits with 1.

          privacy retention [--dry-run] [--database SQLITE-FILE]
              Applies the retention policy (Privacy__Retention__* settings, see the README): customers inactive too long
              anonymised as an erasure would, old interaction events, exposures and audit entries deleted. --dry-run
              prints what it would do (counts only) and changes nothing. Audited; exits with 1 when stopped midway.

          make-sample --source FILE --out FILE [--every N]
              Cuts the demo data set from the full Online Retail export: every line of each customer whose
              CustomerID is divisible by N (default 10) and of each guest invoice whose number is, kept verbatim.

          make-scaled --source FILE --times N --out FILE.csv.gz
              A chain's worth of sales for measuring growth: the source N times. Replica 0 is the source; replica k > 0
              has customer ids + k×100000, invoice numbers prefixed with k (after a leading C), product codes suffixed
              -k (postage, fees and other non-merchandise codes kept) and descriptions suffixed " k"; dates, quantities,
              prices and countries unchanged. Deterministic.

          make-sample --shape member-date-item --source FILE --out FILE
              Reduces an Online Retail file to a grocer's export (Member_number,Date,itemDescription): customers'
              purchase lines only, no returns, no invoice, code, quantity, price or time of day.
        """;
    (exitCode == 0 ? Console.Out : Console.Error).WriteLine(text);
    return exitCode;
}
