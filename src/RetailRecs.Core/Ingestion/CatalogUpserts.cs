using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Catalog;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Customers;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Privacy;

namespace RetailRecs.Core.Ingestion;

/// <summary>Adds or updates one product or one customer as a store system sends it; fields it leaves out keep their stored values.</summary>
public sealed class CatalogUpserts(IDbContextFactory<RetailDbContext> contexts)
{
    /// <param name="source">Who sent it (the API key), named in the audit entry of a change of the fee mark, as the Products page's.</param>
    public async Task<UpsertOutcome> UpsertProductAsync(string sku, ProductDetails input, CancellationToken ct = default, StaffActor? source = null)
    {
        sku = sku.Trim();
        var errors = new List<InputError>();
        if (sku.Length is 0 or > 64) errors.Add(new("sku", "1 to 64 characters."));
        // The columns' sizes: PostgreSQL refuses a longer value (SQLite would keep it), which was a 500.
        foreach (var (field, value, max) in new[] { ("name", input.Name, 256), ("description", input.Description, 2000), ("category", input.Category, 128),
                     ("brand", input.Brand, 128) })
        {
            if (value?.Trim() is { Length: var length } && length > max) errors.Add(new(field, $"At most {max} characters."));
        }
        if (input.UnitPrice is < 0) errors.Add(new("unitPrice", "A price cannot be negative."));
        if (input.UnitPrice is > EventIngestion.MaxUnitPrice) errors.Add(new("unitPrice", $"At most {EventIngestion.MaxUnitPrice:N0} per unit."));
        await using var db = await contexts.CreateDbContextAsync(ct);
        var product = await db.Products.SingleOrDefaultAsync(p => p.Sku == sku, ct);
        if (!string.IsNullOrWhiteSpace(input.PictureUrl) && ProductPicture.Read(input.PictureUrl) is null)
            errors.Add(new("pictureUrl", $"A picture address must start with https:// (or be a path on this site, starting with /) and be at most {ProductPicture.MaxLength} characters."));
        if (errors.Count > 0) return new UpsertOutcome.Refused(errors);

        var created = product is null;
        if (product is null)
        {
            product = db.Products.Add(ProductRule.New(sku, input.Name, input.Description)).Entity; // named after its code when sent without a name
        }
        else
        {
            if (!string.IsNullOrWhiteSpace(input.Name)) product.Name = input.Name.Trim();
            if (input.Description is not null) product.Description = input.Description.Trim();
        }
        if (input.Category is not null) product.Category = Blank(input.Category);
        if (input.Brand is not null) product.Brand = Blank(input.Brand);
        if (input.PictureUrl is not null) product.PictureUrl = ProductPicture.Read(input.PictureUrl);
        if (input.UnitPrice is not null) product.UnitPrice = input.UnitPrice;
        if (input.Active is { } active) product.IsActive = active;
        // The context marks the dashboard's category rows for a rebuild when this changes (RollupLabelChange).
        var feeChanged = input.NonMerchandise is { } fee && fee != product.IsNonMerchandise;
        if (feeChanged)
        {
            product.IsNonMerchandise = input.NonMerchandise!.Value;
        }
        // The mark and its audit entry commit together; the entry names the product's id, which a new one has only once saved.
        await using var tx = feeChanged ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.SaveChangesAsync(ct);
        if (tx is not null)
        {
            db.AuditEntries.Add(AuditLog.Entry(source ?? StaffActor.System, ProductMerchandise.ChangedAction, nameof(Product),
                product.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ProductMerchandise.Details(product.IsNonMerchandise)));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        return created ? UpsertOutcome.Created : UpsertOutcome.Updated;
    }

    public const string CustomerCreatedAction = "customer.created";
    public const string CustomerUpdatedAction = "customer.updated";
    public const string OptOutChangedAction = ConsentRule.ChangedAction;

    /// <summary>
    /// Adds or updates a customer for a store system (<paramref name="source"/>: the API key, as the audit names it). The
    /// change is audited in the same transaction: which customer, which fields (their names, never their values), and an
    /// opt-out change as an entry of its own; the opt-out is also kept as a consent record (<see cref="ConsentRule"/>).
    /// </summary>
    public async Task<UpsertOutcome> UpsertCustomerAsync(string code, CustomerDetails input, StaffActor source, CancellationToken ct = default)
    {
        code = code.Trim();
        var errors = new List<InputError>();
        if (code.Length is 0 or > 64) errors.Add(new("code", "1 to 64 characters."));
        if (input.Email is { } email && (email.Length > 256 || !email.Contains('@'))) errors.Add(new("email", "Not an e-mail address."));
        if (input.BirthYear is { } year && (year < 1900 || year > DateTime.UtcNow.Year)) errors.Add(new("birthYear", "Not a plausible year of birth."));
        foreach (var (field, value, max) in new[] { ("firstName", input.FirstName, 100), ("lastName", input.LastName, 100), ("phone", input.Phone, 40),
                     ("loyaltyNumber", input.LoyaltyNumber, 40), ("country", input.Country, 64), ("region", input.Region, 64), ("gender", input.Gender, 16) })
        {
            if (value is { } v && v.Length > max) errors.Add(new(field, $"At most {max} characters."));
        }
        if (errors.Count > 0) return new UpsertOutcome.Refused(errors);

        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await CustomerRowLock.ByCodeAsync(db, code, ct);
        var customer = (await Customers.CustomerCodeMatch.IdsAsync(db, [code], ct)).TryGetValue(code, out var storedId)
            ? await db.Customers.SingleAsync(c => c.Id == storedId, ct)
            : null;
        if (customer is null && Privacy.ErasedCustomerCodes.IsErased(await Privacy.ErasedCustomerCodes.LoadAsync(db, ct), code))
        {
            return new UpsertOutcome.Refused([new("code",
                "This customer asked to be erased and cannot be stored again under this code. A customer who comes back and agrees to be recorded gets a new code.")]);
        }
        var created = customer is null;
        customer ??= db.Customers.Add(CustomerRule.New(code, CustomerRule.JoinedOn(null, null, DateTime.UtcNow))).Entity;
        var changed = new List<string>();
        void Text(string field, string? given, string? stored, Action<string?> set)
        {
            if (given is not null && Blank(given) is var value && value != stored)
            {
                set(value);
                changed.Add(field);
            }
        }
        Text("firstName", input.FirstName, customer.FirstName, v => customer.FirstName = v);
        Text("lastName", input.LastName, customer.LastName, v => customer.LastName = v);
        Text("email", input.Email, customer.Email, v => customer.Email = v);
        Text("phone", input.Phone, customer.Phone, v => customer.Phone = v);
        Text("loyaltyNumber", input.LoyaltyNumber, customer.LoyaltyNumber, v => customer.LoyaltyNumber = v);
        Text("country", input.Country, customer.Country, v => customer.Country = v);
        Text("region", input.Region, customer.Region, v => customer.Region = v);
        Text("gender", input.Gender, customer.Gender, v => customer.Gender = v);
        if (input.BirthYear is { } birthYear && birthYear != customer.BirthYear)
        {
            customer.BirthYear = birthYear;
            changed.Add("birthYear");
        }
        // The objection goes through the one consent rule: dated, with the key's name as who recorded it.
        var consent = input.PersonalizationOptOut is { } optOut ? ConsentRule.Apply(db, customer, !optOut, ConsentOrigin.Api(source), DateTime.UtcNow) : null;
        if (consent is not null)
        {
            changed.Add("personalizationOptOut");
        }
        if (input.FirstName is not null || input.LastName is not null || input.Email is not null) customer.HasFictionalProfile = false;
        await db.SaveChangesAsync(ct);

        var id = customer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (created || changed.Count > 0)
        {
            db.AuditEntries.Add(AuditLog.Entry(source, created ? CustomerCreatedAction : CustomerUpdatedAction, nameof(Customer), id,
                changed.Count == 0 ? "no fields" : "fields: " + string.Join(", ", changed)));
        }
        if (consent is not null)
        {
            db.AuditEntries.Add(AuditLog.Entry(source, OptOutChangedAction, nameof(Customer), id, ConsentRule.AuditDetails(consent)));
            if (!consent.Granted)
            {
                await ConsentRule.LeaveSegmentsAsync(db, [customer.Id], ct);
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return created ? UpsertOutcome.Created : UpsertOutcome.Updated;
    }

    private static string? Blank(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
