using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace RetailRecs.Web.Components.Shared;

public partial class KeyboardSearch<TItem>
{
    [Parameter, EditorRequired] public string Label { get; set; } = "";
    [Parameter] public string? Placeholder { get; set; }
    /// <summary>The matches for a text, best first.</summary>
    [Parameter, EditorRequired] public Func<string, CancellationToken, Task<IReadOnlyList<TItem>>> SearchFunc { get; set; } = default!;
    /// <summary>
    /// The one item a code stands for (a SKU, a loyalty number), or null. Enter with no match highlighted takes it at
    /// once, without waiting for the search: what a barcode scanner needs.
    /// </summary>
    [Parameter] public Func<string, CancellationToken, Task<TItem?>>? ExactMatch { get; set; }
    [Parameter, EditorRequired] public RenderFragment<TItem> ItemTemplate { get; set; } = default!;
    /// <summary>Told of the item taken (Enter, a click or a scan). The field is cleared and keeps the focus for the next one.</summary>
    [Parameter] public EventCallback<TItem> OnPick { get; set; }
    [Parameter] public string NoItemsText { get; set; } = "No match.";
    [Parameter] public int MinCharacters { get; set; } = 2;
    [Parameter] public int DebounceMilliseconds { get; set; } = 200;
    [Parameter] public int MaxItems { get; set; } = 10;
    /// <summary>Focus the field once the page is interactive (through JS, after the render: never the raw autofocus attribute).</summary>
    [Parameter] public bool AutoFocus { get; set; }
    [Parameter(CaptureUnmatchedValues = true)] public IReadOnlyDictionary<string, object>? Attributes { get; set; }

    private readonly string _id = $"search-{Guid.NewGuid():N}"[..15];
    private ElementReference _input;
    private string _text = "";
    private IReadOnlyList<TItem> _items = [];
    private bool _open;
    private int _highlight = -1; // nothing highlighted until ↓: the first ↓ lands on the first match
    private CancellationTokenSource? _search;
    // The value attribute to render (null: none), the text last written through it, and whether the field was typed
    // in since. See WriteValue.
    private string? _rendered;
    private string _written = "";
    private bool _typedSinceWritten;

    private string ListId => $"{_id}-list";
    private string OptionId(int index) => $"{_id}-option-{index}";

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && AutoFocus && RendererInfo.IsInteractive)
        {
            await _input.FocusAsync();
        }
    }

    private void OnInput(ChangeEventArgs e)
    {
        _text = e.Value as string ?? "";
        _typedSinceWritten = true;
        _highlight = -1; // what was highlighted belonged to the text before
        StartSearch(DebounceMilliseconds);
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        switch (e.Key)
        {
            case "ArrowDown" when _items.Count > 0:
                _open = true;
                _highlight = Math.Min(_highlight + 1, _items.Count - 1);
                break;
            case "ArrowUp" when _open:
                _highlight = Math.Max(_highlight - 1, -1);
                break;
            case "Escape":
                Close();
                break;
            case "Enter" or "NumpadEnter":
                await EnterAsync();
                break;
        }
    }

    private async Task EnterAsync()
    {
        if (_open && _highlight >= 0 && _highlight < _items.Count)
        {
            await PickAsync(_items[_highlight]);
            return;
        }
        var text = _text.Trim();
        if (ExactMatch is null || text.Length == 0)
        {
            StartSearch(0); // no waiting for the pause in typing: show the matches now
            return;
        }
        // Clear the field before looking the code up, so the next scan starts in an empty field however long the
        // lookup takes; an unknown code is put back with the matches for it.
        CancelSearch();
        var typed = _text;
        SetText("");
        var exact = await ExactMatch(text, CancellationToken.None);
        if (exact is not null)
        {
            await PickAsync(exact);
        }
        else if (_text.Length == 0)
        {
            SetText(typed);
            StartSearch(0);
        }
    }

    private async Task PickAsync(TItem item)
    {
        CancelSearch();
        Close();
        _items = [];
        SetText("");
        await OnPick.InvokeAsync(item);
    }

    private void Close()
    {
        _open = false;
        _highlight = -1;
    }

    private void SetText(string text)
    {
        _text = text;
        WriteValue(text);
    }

    /// <summary>
    /// Puts a text in the field. Blazor writes an input's value to the page only when the rendered attribute changes,
    /// and the attribute is not kept in step with typing (that is what would lose keystrokes), so it may hold an old
    /// value: clearing alternates between an empty attribute and none at all, both of which empty the field. A write
    /// of what was last written, with no typing since, changes nothing (and must not toggle back before a render:
    /// a database lookup that completes at once leaves no render between the two).
    /// </summary>
    private void WriteValue(string text)
    {
        if (text == _written && !_typedSinceWritten)
        {
            return;
        }
        _rendered = text.Length > 0 ? text : _rendered == "" ? null : "";
        _written = text;
        _typedSinceWritten = false;
    }

    private void StartSearch(int delayMilliseconds)
    {
        CancelSearch();
        var text = _text.Trim();
        if (text.Length < MinCharacters)
        {
            _items = [];
            Close();
            return;
        }
        var search = _search = new CancellationTokenSource();
        _ = SearchAsync(text, delayMilliseconds, search.Token);
    }

    private async Task SearchAsync(string text, int delayMilliseconds, CancellationToken ct)
    {
        try
        {
            if (delayMilliseconds > 0)
            {
                await Task.Delay(delayMilliseconds, ct);
            }
            var found = await SearchFunc(text, ct);
            if (ct.IsCancellationRequested)
            {
                return;
            }
            _items = found.Take(MaxItems).ToList();
            _open = true;
            _highlight = -1;
            await InvokeAsync(StateHasChanged);
        }
        catch (OperationCanceledException)
        {
            // The text changed (or a match was taken) before this search answered: its answer is no longer wanted.
        }
        catch (Exception ex)
        {
            // Not awaited by an event handler: hand a failure to the renderer as a handler's would be.
            await DispatchExceptionAsync(ex);
        }
    }

    private void CancelSearch()
    {
        _search?.Cancel();
        _search?.Dispose();
        _search = null;
    }

    /// <summary>Puts the focus back in the field (after an action elsewhere on the page, e.g. a basket chip removed).</summary>
    public ValueTask FocusAsync() => _input.FocusAsync();

    public void Dispose() => CancelSearch();
}
