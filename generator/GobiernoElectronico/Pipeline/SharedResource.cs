namespace GobiernoElectronico.Pipeline;

/// <summary>
/// A disposable that readers may still hold after it has been replaced (an index a search request is reading when a
/// rebuild commits a new one). Each reader takes a lease and gives it back; the owner retires it; it is disposed
/// when it is retired and no lease is out — not after a guessed delay.
/// </summary>
public sealed class SharedResource<T>(T value, Action? afterDispose = null) where T : class, IDisposable
{
    private int _leases, _retired, _disposed;

    public T Value => value;

    /// <summary>A lease, or false when the value has been retired (read the current one again).</summary>
    public bool TryAcquire()
    {
        Interlocked.Increment(ref _leases);
        if (Volatile.Read(ref _retired) == 0) return true;
        Release();
        return false;
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _leases) == 0 && Volatile.Read(ref _retired) == 1) DisposeOnce();
    }

    /// <summary>No new lease; disposed now, or when the last lease is given back.</summary>
    public void Retire()
    {
        Volatile.Write(ref _retired, 1);
        if (Volatile.Read(ref _leases) == 0) DisposeOnce();
    }

    public bool Disposed => Volatile.Read(ref _disposed) == 1;

    private void DisposeOnce()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        value.Dispose();
        afterDispose?.Invoke();
    }
}
