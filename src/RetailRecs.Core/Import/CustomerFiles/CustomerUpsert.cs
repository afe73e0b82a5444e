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
    public static async Task<UpsertCounts> WriteAsync(RetailDbContext db, IReadOnlyList<CustomerRecord> records, int importBatchId, CancellationToken ct)
    {
        var stored = await db.Customers.ToDictionaryAsync(c => c.CustomerCode, StringComparer.Ordinal, ct);
        int added = 0, updated = 0, unchanged = 0, consents = 0;
        var origin = ConsentOrigin.Import(importBatchId);
        var now = DateTime.UtcNow;
        foreach (var r in records)
        {
            var isNew = !stored.TryGetValue(r.Code, out var customer);
            if (isNew)
            {
                db.Customers.Add(customer = CustomerRule.New(r.Code, CustomerRule.JoinedOn(r.JoinedOn, null, now)));
            }
            var changed = Apply(customer!, r);
            // Through the one consent rule, like the card and the API: a record only where the file changes the choice.
            if (r.Consents is { } granted && ConsentRule.Apply(db, customer!, granted, origin, now) is not null)
            {
                consents++;
                changed = true;
            }
            if (isNew) added++; else if (changed) updated++; else unchanged++;
        }
        await db.SaveChangesAsync(ct);
        return new UpsertCounts("customers", added, updated, unchanged, consents);
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
