namespace RetailRecs.Core.Import.Cleaning;

/// <summary>A named cleaning rule, as the import report lists it.</summary>
public sealed record CleaningRule(string Name, string Description);

/// <summary>Every rule the transaction importer applies, in the order the report shows them.</summary>
public static class CleaningRules
{
    // Rules that keep the row (changing or flagging it).
    public static readonly CleaningRule BlankRowSkipped = new("blank-row-skipped", "an empty line, or one of empty cells (as spreadsheets export them): skipped, not a rejection");
    public static readonly CleaningRule TextTrimmed = new("text-trimmed", "text trimmed and runs of spaces folded");
    public static readonly CleaningRule EncodingRepaired = new("encoding-repaired", "Latin-1/UTF-8 mix-up repaired (e.g. Â£ → £)");
    public static readonly CleaningRule ErasedCustomer = new("erased-customer", "a customer who asked to be erased: their lines kept as anonymous sales, their details not stored again");
    public static readonly CleaningRule AnonymousSale = new("anonymous-sale", "no customer: kept as an anonymous sale for product statistics, not used for personalisation");
    public static readonly CleaningRule CustomerPlaceholder = new("customer-placeholder", "a customer id that stands for none (0, -1, NULL, \\N, N/A): read as no customer");
    public static readonly CleaningRule DescriptionFilled = new("description-filled", "missing description filled from the product's other lines");
    public static readonly CleaningRule DescriptionUnknown = new("description-unknown", "missing description and no other line to fill it from: named after its code");
    public static readonly CleaningRule DuplicateRemoved = new("duplicate-removed", "exact duplicate of an earlier line: removed");
    public static readonly CleaningRule RepeatCounted = new("repeat-counted", "the same line again in a file without quantities: counted as one more unit of it");
    public static readonly CleaningRule WeighedQuantity = new("weighed-quantity",
        "a quantity with a fraction (goods sold by weight or length, e.g. 0.452 kg): stored as one item at the line's amount, so revenue is right and units count items");
    public static readonly CleaningRule Return = new("return", "cancellation or return (C-invoice or negative quantity): stored as a return and netted");
    public static readonly CleaningRule CancellationQuantitySigned = new("cancellation-quantity-signed",
        "a positive quantity on a cancellation (C-invoice): taken as that many going back, as every other cancellation line");
    public static readonly CleaningRule ReturnPriceSigned = new("return-price-signed",
        "a return with a negative price as well as a negative quantity (an export signing both): the price taken as positive, so the refund is not counted as a sale");
    public static readonly CleaningRule NonMerchandise = new("non-merchandise", "postage, fee or manual adjustment: flagged and kept out of recommendations");
    public static readonly CleaningRule CountryNormalised = new("country-normalised", "country name normalised (e.g. EIRE → Ireland)");
    public static readonly CleaningRule FormulaText = new("formula-text", "cell starting with = + - @ kept as text (it is never run as a spreadsheet formula)");

    public static readonly CleaningRule DuplicateKey = new("duplicate-key", "the same id appears again further down: the later row wins");
    public static readonly CleaningRule InvalidEmail = new("invalid-email", "not a valid e-mail address: left empty");
    public static readonly CleaningRule ImplausibleBirthYear = new("implausible-birth-year", "birth year before 1900 or in the future: left empty");
    public static readonly CleaningRule UnreadableCustomerDate = new("unreadable-customer-date",
        "a joined date or birth date that could not be read: left empty, the rest of the row kept (check the date order chosen for the file)");
    public static readonly CleaningRule ObjectionKept = new("objection-kept",
        "the file says the customer agrees to personalised suggestions, but they objected at the counter, to an admin or through a till: an objection made with them is not lifted by a file");
    public static readonly CleaningRule UnreadableYesNo = new("unreadable-yes-no", "a yes/no value (consent, opt-out, sensitive) that is neither: left as it was, never guessed");
    public static readonly CleaningRule CategoryNormalised = new("category-normalised", "category written consistently (trimmed, capitalised)");
    public static readonly CleaningRule PictureIgnored = new("picture-ignored", "a picture address that is neither https:// nor a path on this site: the product is kept without a picture");

    // Rules that reject the row.
    public static readonly CleaningRule Unreadable = new("unreadable", "a value could not be read");
    public static readonly CleaningRule WrongColumnCount = new("wrong-column-count", "the row does not have the header's number of columns (often an unterminated quote)");
    public static readonly CleaningRule NonPositivePrice = new("non-positive-price", "a sale at a price of zero or less");
    public static readonly CleaningRule StockAdjustment = new("stock-adjustment", "a negative quantity at a price of zero outside a cancellation: a stock adjustment (damaged, lost, recount), not a sale or return");
    public static readonly CleaningRule ZeroQuantity = new("zero-quantity", "a quantity of zero");
    public static readonly CleaningRule FutureDate = new("future-date", "a date in the future");
    public static readonly CleaningRule TooLong = new("too-long", "a value longer than the field can hold");
    public static readonly CleaningRule InvoiceReused = new("invoice-reused",
        "the invoice number is another customer's sale earlier in the file (a till numbering receipts per day or per till): map a column that makes them unique");
}
