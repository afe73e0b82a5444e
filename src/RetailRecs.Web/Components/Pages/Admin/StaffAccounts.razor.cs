using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Staff;
using RetailRecs.Web.Security;

namespace RetailRecs.Web.Components.Pages.Admin;

public partial class StaffAccounts
{
    [Inject] private StaffAccountService Accounts { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private IReadOnlyList<StaffAccountSummary>? _accounts;
    private StaffAccountSummary? _selected;
    private NewStaffAccount _new = new();
    private string? _newPassword;
    private int _rolePicker;

    protected override Task OnInitializedAsync() => ReloadAsync();

    private void Select(StaffAccountSummary account)
    {
        _selected = account;
        _newPassword = null;
    }

    private async Task ReloadAsync()
    {
        _accounts = await Accounts.ListAsync();
        _selected = _selected is null ? null : _accounts.FirstOrDefault(a => a.Id == _selected.Id);
    }

    private async Task CreateAsync()
    {
        var result = await Accounts.CreateAsync(_new, await ActorAsync());
        if (Report(result, $"Account created for {_new.DisplayName}."))
        {
            _new = new();
            await ReloadAsync();
        }
    }

    private async Task SetRoleAsync(string role)
    {
        if (_selected is null || role == _selected.Role) return;
        // The picker's options are drawn by the layout's popover provider, outside this page's error boundary: a busy
        // database there ended the circuit (the error bar) instead of saying so.
        try
        {
            Report(await Accounts.SetRoleAsync(_selected.Id, role, await ActorAsync()), $"{_selected.DisplayName} is now {role}: signed out everywhere, they sign in again to use it.");
            await ReloadAsync();
        }
        catch (Exception e) when (RetailRecs.Core.Data.StorageFaults.Describe(e) is { } fault)
        {
            Snackbar.Add($"The role was not changed. {fault.Message}", Severity.Error);
        }
        // Drawn anew with the stored role: a refused change (the last admin, their own) left the picker showing the one chosen.
        _rolePicker++;
    }

    // The account's actions, once at a time: a second press while the first was stored reset the password twice
    // (two audit entries, the second a concurrency failure shown as an error beside the success).
    private readonly Shared.PressOnce _press = new();

    private Task SetLockedAsync(bool locked) => _press.RunAsync(() => SetLockedOnceAsync(locked));

    private async Task SetLockedOnceAsync(bool locked)
    {
        if (_selected is null) return;
        Report(await Accounts.SetLockedAsync(_selected.Id, locked, await ActorAsync()),
            locked ? $"{_selected.DisplayName} is locked out and signed out everywhere." : $"{_selected.DisplayName} can sign in again.");
        await ReloadAsync();
    }

    private Task ResetPasswordAsync() => _press.RunAsync(ResetPasswordOnceAsync);

    private async Task ResetPasswordOnceAsync()
    {
        if (_selected is null || string.IsNullOrEmpty(_newPassword)) return;
        if (Report(await Accounts.ResetPasswordAsync(_selected.Id, _newPassword, await ActorAsync()), $"Password reset for {_selected.DisplayName}."))
        {
            _newPassword = null;
        }
    }

    private Task ResetTwoFactorAsync() => _press.RunAsync(ResetTwoFactorOnceAsync);

    private async Task ResetTwoFactorOnceAsync()
    {
        if (_selected is null) return;
        Report(await Accounts.ResetTwoFactorAsync(_selected.Id, await ActorAsync()),
            $"Two-factor sign-in is off for {_selected.DisplayName}; they set it up again with a new key.");
        await ReloadAsync();
    }

    private bool Report(StaffResult result, string success)
    {
        if (result.Succeeded)
        {
            Snackbar.Add(success, Severity.Success);
        }
        else
        {
            Snackbar.Add(result.Message, Severity.Error);
        }
        return result.Succeeded;
    }

    private async Task<RetailRecs.Core.Common.Audit.StaffActor> ActorAsync() => StaffClaims.Actor((await AuthState).User);
}
