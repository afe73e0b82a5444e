namespace RetailRecs.Core.Import;

/// <summary>A file that cannot be imported, with a message for the person who chose it: what is wrong, where, and what to do.</summary>
public class ImportException(string message, Exception? inner = null) : Exception(message, inner);
