using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using RetailRecs.Core.Model;
using RetailRecs.Core.Privacy;
using RetailRecs.Web.Security;

namespace RetailRecs.Web.Components.Pages.Customers;

public partial class CustomerConsent
{
    [Inject] private CustomerConsentService Consents { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public int CustomerId { get; set; }
    /// <summary>The state as the card read it.</summary>
    [Parameter, EditorRequired] public ConsentStatus Status { get; set; } = default!;
    /// <summary>The state after a recorded change, for the rest of the card.</summary>
    [Parameter] public EventCallback<ConsentStatus> OnChanged { get; set; }
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private ConsentStatus? _recorded;
    private bool _saving;

    private ConsentStatus Current => _recorded ?? Status;
    private bool Granted => Current.Granted;

    private string StateText => Current switch
    {
        { Granted: true, Since: null } => "Personalised suggestions: yes (no objection recorded).",
        { Granted: true, Since: { } at, Source: { } source } => $"Personalised suggestions: yes, agreed again on {at.ToLocalTime():d MMM yyyy} ({ConsentRule.SourceText(source)}).",
        { Granted: false, Since: { } at, Source: { } source } => $"No personalised suggestions: the customer objected on {at.ToLocalTime():d MMM yyyy} ({ConsentRule.SourceText(source)}).",
        _ => "No personalised suggestions: the customer objected.",
    };

    protected override void OnParametersSet()
    {
        if (_recorded is not null && Status.Since >= _recorded.Since)
        {
            _recorded = null; // the card read a state as new as ours
        }
    }

    private async Task RecordAsync()
    {
        if (_saving)
        {
            return;
        }
        _saving = true;
        try
        {
            var user = (await AuthState).User;
            var actor = StaffClaims.Actor(user);
            // An admin on the card usually answers a written request; an associate hears the customer at the counter.
            var origin = user.IsInRole(StaffRoles.Admin) ? ConsentOrigin.Admin(actor) : ConsentOrigin.Counter(actor);
            var status = await Consents.RecordAsync(CustomerId, !Granted, origin, actor);
            if (status is null)
            {
                Snackbar.Add("This customer no longer exists (erased from another screen): nothing was recorded.", Severity.Warning);
                return;
            }
            _recorded = status;
            Snackbar.Add(status.Granted ? "Recorded: the customer agrees to personalised suggestions." : "Recorded: the customer objects. They get best sellers only from now on.",
                Severity.Success);
            await OnChanged.InvokeAsync(status);
        }
        catch (RetailRecs.Core.Data.StorageUnavailableException e)
        {
            Snackbar.Add($"Not recorded: {e.Message}", Severity.Error);
        }
        finally
        {
            _saving = false;
        }
    }
}
