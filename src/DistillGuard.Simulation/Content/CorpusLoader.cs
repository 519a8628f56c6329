namespace DistillGuard.Simulation.Content; internal static class CorpusLoader { public static void LoadInto(LibraryBuilder b, string dir) { } }
