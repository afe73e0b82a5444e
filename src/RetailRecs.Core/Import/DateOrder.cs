namespace RetailRecs.Core.Import;

/// <summary>
/// How a file writes dates like 3/1/2011. Detected by default, from dates that prove it (13/12 or 12/13); a file whose
/// dates never prove it (a US weekly export of the 1st to the 7th) is read day first unless the user says otherwise,
/// or every sale lands in the wrong month.
/// </summary>
public enum DateOrder { Detect, DayFirst, MonthFirst }
