namespace DistillGuard.Simulation.Content;

/// <summary>The filled slots of one exchange's item, in reusable buffers (one set per thread).</summary>
internal sealed class SlotValues
{
    public readonly CharBuffer Q = new(2048), A = new(256), X = new(1024), Y = new(1024), T = new(128), L = new(32);
    public int K;

    public void Clear()
    {
        Q.Clear(); A.Clear(); X.Clear(); Y.Clear(); T.Clear(); L.Clear();
        K = 0;
    }

    public CharBuffer? Get(Slot slot) => slot switch
    {
        Slot.Q => Q, Slot.A => A, Slot.X => X, Slot.Y => Y, Slot.T => T, Slot.L => L, _ => null,
    };
}
