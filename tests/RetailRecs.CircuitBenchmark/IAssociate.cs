namespace RetailRecs.CircuitBenchmark;

/// <summary>One associate's run and what it measured, whether it drives a browser or speaks the circuit's protocol.</summary>
internal interface IAssociate
{
    List<CardOpen> CardOpens { get; }
    int Loops { get; }
    List<string> CircuitErrors { get; }
    List<string> StepFailures { get; }
    int DroppedTaps { get; }
    Task RunAsync(CancellationToken stop);
}
