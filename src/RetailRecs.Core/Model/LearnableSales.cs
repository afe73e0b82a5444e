using System.Linq.Expressions;

namespace RetailRecs.Core.Model;

/// <summary>
/// The sales a model may learn from, trained or live: not an erased customer's (see <see cref="Order.IsAnonymised"/>,
/// which the shop's figures keep) and not those of a customer who objects to personalisation — no model learns from
/// them, for anyone. Written once so the training and the live updates between trainings cannot disagree.
/// </summary>
public static class LearnableSales
{
    public static readonly Expression<Func<Order, bool>> Orders =
        o => !o.IsAnonymised && (o.CustomerId == null || !o.Customer!.PersonalizationOptOut);
}
