using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace DistillGuard.Streaming.Tests;

/// <summary>`distillguard serve` as a child process (the real command, real Kestrel on 127.0.0.1).</summary>
public sealed partial class ServeProcess : IDisposable
{
    private readonly Process _p;
    private readonly List<string> _out = new();
    private readonly List<string> _err = new();

    public ServeProcess(params string[] args) : this(null, args) { }

    /// <param name="environment">variables to set for the child (a null value removes one it would inherit)</param>
    public ServeProcess(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>())
            if (v is null) psi.Environment.Remove(k); else psi.Environment[k] = v;
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "distillguard.dll"));
        psi.ArgumentList.Add("serve");
        foreach (var a in args) psi.ArgumentList.Add(a);
        _p = Process.Start(psi)!;
        _p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_out) _out.Add(e.Data); };
        _p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_err) _err.Add(e.Data); };
        _p.BeginOutputReadLine();
        _p.BeginErrorReadLine();
    }

    public string Output { get { lock (_out) return string.Join("\n", _out); } }
    public string Errors { get { lock (_err) return string.Join("\n", _err); } }

    /// <summary>Waits for "ready" and returns the URL of the named listener.</summary>
    public Uri WaitReady(string listener = "ingest", int seconds = 120)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            if (_p.HasExited) throw new InvalidOperationException($"serve exited {_p.ExitCode}: {Errors}\n{Output}");
            var m = Regex.Match(Output, $"listening {listener} (http://127\\.0\\.0\\.1:\\d+)");
            if (m.Success && Output.Contains("ready")) return new Uri(m.Groups[1].Value + "/");
            Thread.Sleep(50);
        }
        throw new TimeoutException($"serve not ready: {Errors}\n{Output}");
    }

    /// <summary>The child's process id.</summary>
    public int Id => _p.Id;

    public int WaitExit(int seconds = 60)
    {
        if (!_p.WaitForExit(seconds * 1000)) throw new TimeoutException("serve did not exit");
        _p.WaitForExit();
        return _p.ExitCode;
    }

    /// <summary>SIGTERM, as a service manager stops a service.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        _p.Kill(entireProcessTree: true);
        _p.WaitForExit();
    }

    public void Dispose()
    {
        if (!_p.HasExited) Kill();
        _p.Dispose();
    }

    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}

/// <summary>A fact needing a server binary (nats-server). CI installs it (DG_REQUIRE_SERVERS=1 makes a missing one a failure).</summary>
public sealed class NeedsBinaryFactAttribute : FactAttribute
{
    public NeedsBinaryFactAttribute(string binary)
    {
        if (Find(binary) is null && Environment.GetEnvironmentVariable("DG_REQUIRE_SERVERS") != "1")
            Skip = $"'{binary}' is not installed (apt-get install {binary}; .ci/run installs it): skipped";
    }

    public static string? Find(string binary)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/usr/bin", "/usr/local/bin"]))
        {
            var p = Path.Combine(dir, binary);
            if (File.Exists(p)) return p;
        }
        return null;
    }
}
