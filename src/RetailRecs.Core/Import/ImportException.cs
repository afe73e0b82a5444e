namespace RetailRecs.Core.Import;

/// <summary>A file that cannot be imported, with a message for the person who chose it: what is wrong, where, and what to do.</summary>
public class ImportException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A required field no column was found for. The message says which and lists the file's columns; how to map one is
/// each front end's to say (the upload page's mapping step, the CLI's --map).
/// </summary>
public sealed class MissingFieldsException(string message) : ImportException(message);
