using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Import.Customers;

/// <summary>Adds new customers and updates stored ones with the values a customers file gives.</summary>
internal static class CustomerUpsert
{
    public static async Task<UpsertCounts> WriteAsync(RetailDbContext db, IReadOnlyList<CustomerRecord> records, CancellationToken ct)
    {
        var stored = await db.Customers.ToDictionaryAsync(c => c.CustomerCode, StringComparer.Ordinal, ct);
        int added = 0, updated = 0, unchanged = 0;
        foreach (var r in records)
        {
            if (!stored.TryGetValue(r.Code, out var customer))
            {
                db.Customers.Add(customer = new Customer { CustomerCode = r.Code });
                Apply(customer, r);
                added++;
                continue;
            }
            if (Apply(customer, r)) updated++; else unchanged++;
        }
        await db.SaveChangesAsync(ct);
        return new UpsertCounts("customers", added, updated, unchanged);
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
