namespace GobiernoElectronico.Index;

/// <summary>
/// The best items of a stream, kept in order as they come, at most so many: what a top-n collector does, without
/// sorting every item. Related practices keep a query's best documents and a document's best terms with it.
/// </summary>
internal static class BestFirst
{
    /// <summary>An order: whether one item goes before another (a total order, so that ties are decided).</summary>
    public interface IOrder<in T>
    {
        bool Before(T a, T b);
    }

    /// <summary>Puts <paramref name="item"/> into <paramref name="best"/> (in order, at most <paramref name="max"/>) if it
    /// is among the best so far.</summary>
    public static void Keep<T, TOrder>(List<T> best, T item, int max, TOrder order) where TOrder : IOrder<T>
    {
        if (max <= 0 || (best.Count == max && !order.Before(item, best[^1]))) return;
        var place = best.Count;
        while (place > 0 && order.Before(item, best[place - 1])) place--;
        best.Insert(place, item);
        if (best.Count > max) best.RemoveAt(max);
    }
}
