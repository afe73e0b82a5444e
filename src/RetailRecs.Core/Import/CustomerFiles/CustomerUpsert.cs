using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Customers;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Privacy;

namespace RetailRecs.Core.Import.CustomerFiles;

/// <summary>Adds new customers and updates stored ones with the values a customers file gives.</summary>
internal static class CustomerUpsert
{
    /// <param name="importBatchId">The file's import: a choice about personalisation it records names it as its source.</param>
    public static async Task<UpsertCounts> WriteAsync(RetailDbContext db, IReadOnlyList<CustomerRecord> records, int importBatchId, CancellationToken ct,
        Cleaning.CleaningReport? report = null)
    {
        var stored = await db.Customers.ToDictionaryAsync(c => c.CustomerCode, StringComparer.Ordinal, ct);
        // The file's codes are in capitals; a customer the API stored in small letters ("ws-ab12") is found under them
        // unless another customer holds that code in capitals.
        foreach (var (code, customer) in stored.Where(c => RetailCode.Of(c.Key) != c.Key).ToList())
        {
            stored.TryAdd(RetailCode.Of(code), customer);
        }
        var heldElsewhere = await ObjectionsMadeElsewhereAsync(db, stored.Values.Distinct(), ct);
        int added = 0, updated = 0, unchanged = 0, consents = 0;
        var origin = ConsentOrigin.Import(importBatchId);
        var now = DateTime.UtcNow;
        var objected = new List<int>();
        foreach (var r in records)
        {
            var isNew = !stored.TryGetValue(r.Code, out var customer);
            if (isNew)
            {
                db.Customers.Add(customer = CustomerRule.New(r.Code, CustomerRule.JoinedOn(r.JoinedOn, null, now)));
            }
            var changed = Apply(customer!, r);
            // Through the one consent rule, like the card and the API: a record only where the file changes the choice.
            if (r.Consents is true && heldElsewhere.Contains(customer!.Id))
            {
                // A CRM export that never heard of the objection (often "yes" by default) must not undo it.
                report?.Applied(Cleaning.CleaningRules.ObjectionKept);
            }
            else if (r.Consents is { } granted && ConsentRule.Apply(db, customer!, granted, origin, now) is not null)
            {
                consents++;
                changed = true;
                if (!granted && !isNew)
                {
                    objected.Add(customer!.Id); // a new customer is in no segment yet
                }
            }
            if (isNew) added++; else if (changed) updated++; else unchanged++;
        }
        await db.SaveChangesAsync(ct);
        await ConsentRule.LeaveSegmentsAsync(db, objected, ct);
        return new UpsertCounts("customers", added, updated, unchanged, consents);
    }

    /// <summary>
    /// Customers whose objection was made with them (at the counter, by an admin, through a till): a file lifts only an
    /// objection a file recorded. An objection without a record (stored before consent records were kept) counts as made with them.
    /// </summary>
    private static async Task<HashSet<int>> ObjectionsMadeElsewhereAsync(RetailDbContext db, IEnumerable<Customer> customers, CancellationToken ct)
    {
        var objecting = customers.Where(c => c.PersonalizationOptOut).Select(c => c.Id).ToList();
        if (objecting.Count == 0)
        {
            return [];
        }
        var records = await db.ConsentRecords.AsNoTracking()
            .Where(r => objecting.Contains(r.CustomerId) && r.Purpose == ConsentPurpose.Personalisation)
            .Select(r => new { r.CustomerId, r.RecordedAt, r.Id, r.Source }).ToListAsync(ct);
        var latest = records.GroupBy(r => r.CustomerId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.RecordedAt).ThenByDescending(r => r.Id).First().Source);
        return objecting.Where(id => latest.GetValueOrDefault(id, ConsentSource.Counter) != ConsentSource.Import).ToHashSet();
    }

    /// <returns>Whether anything changed.</returns>
    private static bool Apply(Customer c, CustomerRecord r)
    {
        var update = new FieldUpdate();
        update.Set(r.FirstName, c.FirstName, v => c.FirstName = v);
        update.Set(r.LastName, c.LastName, v => c.LastName = v);
        update.Set(r.Email, c.Email, v => c.Email = v);
        update.Set(r.Phone, c.Phone, v => c.Phone = v);
        update.Set(r.LoyaltyNumber, c.LoyaltyNumber, v => c.LoyaltyNumber = v);
        update.Set(r.Country, c.Country, v => c.Country = v);
        update.Set(r.Region, c.Region, v => c.Region = v);
        update.Set(r.BirthYear, c.BirthYear, v => c.BirthYear = v);
        update.Set(r.Gender, c.Gender, v => c.Gender = v);
        update.Set(r.JoinedOn, c.JoinedOn, v => c.JoinedOn = v);
        if (update.Changed && (r.FirstName is not null || r.LastName is not null || r.Email is not null || r.Phone is not null))
        {
            c.HasFictionalProfile = false; // real details from the retailer replace the demo's made-up ones
        }
        return update.Changed;
    }
}
