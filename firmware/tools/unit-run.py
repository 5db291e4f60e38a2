#!/usr/bin/python3
"""Runs a command the way its systemd unit would start it, as far as this machine allows without systemd as PID 1
(firmware/check.sh uses it; see firmware/README.md, "What is tested here"):

  * as the unit's kind of user: a non-root uid (--uid), no supplementary groups, with the unit's
    AmbientCapabilities= and CapabilityBoundingSet= (setpriv), NoNewPrivileges, UMask=;
  * as PID 1 of its own PID namespace with NOTIFY_SOCKET set, which is how .NET's systemd integration
    (Microsoft.Extensions.Hosting.Systemd) decides that it runs under systemd: READY=1, WATCHDOG=1 and
    STOPPING=1 arrive on a socket this script listens on (Type=notify, WatchdogSec=);
  * ProtectSystem=strict (the root file system read-only, the state directory writable) and PrivateTmp= (a fresh /tmp)
    in a private mount namespace;
  * the unit's seccomp filters as systemd 252 (Debian 12) builds them: SystemCallFilter= (allow list less deny lists,
    other calls fail with SystemCallErrorNumber=), MemoryDenyWriteExecute= (mmap writable+executable, mprotect or
    pkey_mprotect to executable, shmat SHM_EXEC: EPERM) and RestrictAddressFamilies= (EAFNOSUPPORT).

usage:
  unit-run.py --unit FILE --uid N --state DIR [--netns NAME] [--stop-after S] [--timeout S] [--http URL] -- CMD ARGS...
Prints one line per notification and a summary; exits 0 when READY=1 came, the command stopped on SIGTERM (or by
itself) with exit code 0, --http answered 200, and with --stop-after >= 11 at least one WATCHDOG=1 came.
"""
import errno
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

PROT_WRITE, PROT_EXEC, SHM_EXEC = 0x2, 0x4, 0o100000


def unit_settings(path):
    """The [Service] section's settings, each key with its values in order (repeated keys accumulate)."""
    settings, section = {}, None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            if not line or line[0] in "#;":
                continue
            if line.startswith("["):
                section = line
                continue
            if section == "[Service]" and "=" in line:
                key, value = line.split("=", 1)
                settings.setdefault(key.strip(), []).append(value.strip())
    return settings


def syscall_groups():
    out = subprocess.run(["systemd-analyze", "syscall-filter"], capture_output=True, text=True, check=True).stdout
    groups, current = {}, None
    for line in out.splitlines():
        if line.startswith("@"):
            current = line.split()[0]
            groups[current] = []
        elif current and line.strip() and not line.strip().startswith("#"):
            groups[current].append(line.strip())
    return groups


def expand(names, groups, seen=None):
    seen = set() if seen is None else seen
    calls = set()
    for name in names:
        name = name.split(":")[0]
        if name.startswith("@"):
            if name not in seen:
                seen.add(name)
                calls |= expand(groups.get(name, []), groups, seen)
        elif name:
            calls.add(name)
    return calls


def load_filters(settings):
    import seccomp  # python3-seccomp (libseccomp)

    def add(f, action, call, *args):
        try:
            f.add_rule(action, call, *args)
        except (RuntimeError, ValueError, OSError):
            pass  # not a system call of this architecture / kernel

    if settings.get("MemoryDenyWriteExecute", ["no"])[-1] in ("yes", "true", "1"):
        f = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
        deny = seccomp.ERRNO(errno.EPERM)
        for call in ("mmap", "mmap2"):
            add(f, deny, call, seccomp.Arg(2, seccomp.MASKED_EQ, PROT_WRITE | PROT_EXEC, PROT_WRITE | PROT_EXEC))
        for call in ("mprotect", "pkey_mprotect"):
            add(f, deny, call, seccomp.Arg(2, seccomp.MASKED_EQ, PROT_EXEC, PROT_EXEC))
        add(f, deny, "shmat", seccomp.Arg(2, seccomp.MASKED_EQ, SHM_EXEC, SHM_EXEC))
        f.load()

    families = " ".join(settings.get("RestrictAddressFamilies", [])).split()
    if families and not families[0].startswith("~"):
        allowed = {getattr(socket, fam) for fam in families}
        f = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
        deny = seccomp.ERRNO(errno.EAFNOSUPPORT)
        top = max(allowed)
        for fam in range(top):
            if fam not in allowed:
                add(f, deny, "socket", seccomp.Arg(0, seccomp.EQ, fam))
        add(f, deny, "socket", seccomp.Arg(0, seccomp.GT, top))
        f.load()

    filters = settings.get("SystemCallFilter", [])
    if filters:
        groups = syscall_groups()
        errno_name = settings.get("SystemCallErrorNumber", [None])[-1]
        action = seccomp.ERRNO(getattr(errno, errno_name)) if errno_name else seccomp.KILL_PROCESS
        allow_mode = not filters[0].startswith("~")
        listed = set()
        for value in filters:
            names = expand(value.lstrip("~").split(), groups)
            if value.startswith("~") == (not allow_mode):
                listed |= names
            else:
                listed -= names
        if allow_mode:
            f = seccomp.SyscallFilter(defaction=action)
            for call in sorted(listed | {"execve"}):
                add(f, seccomp.ALLOW, call)
        else:
            f = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
            for call in sorted(listed - {"execve"}):
                add(f, action, call)
        f.load()


def exec_sandboxed(settings_json, cmd):
    """Inside the namespaces, as the user: the seccomp filters, then the command."""
    settings = json.loads(settings_json)
    os.umask(int(settings.get("UMask", ["0022"])[-1], 8))
    load_filters(settings)
    os.execvp(cmd[0], cmd)


def caps(values):
    names = " ".join(values).split()
    return ",".join("+" + n.lower().removeprefix("cap_") for n in names)


def main(argv):
    if argv[:1] == ["--exec-sandboxed"]:
        exec_sandboxed(argv[1], argv[3:])
    opts, cmd = {}, []
    i = 0
    while i < len(argv):
        if argv[i] == "--":
            cmd = argv[i + 1:]
            break
        opts[argv[i].lstrip("-")] = argv[i + 1]
        i += 2
    unit, state = opts["unit"], opts["state"]
    uid = int(opts["uid"])
    timeout = float(opts.get("timeout", 120))
    stop_after = float(opts.get("stop-after", 0))
    settings = unit_settings(unit)

    # Under /run, as systemd's own (/run/systemd/notify): PrivateTmp= hides /tmp.
    sockdir = tempfile.mkdtemp(prefix="edge-notify.", dir="/run")
    os.chmod(sockdir, 0o755)
    path = os.path.join(sockdir, "notify")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(path)
    os.chmod(path, 0o777)

    ambient = caps(settings.get("AmbientCapabilities", []))
    bounding = caps(settings.get("CapabilityBoundingSet", []))
    setpriv = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--no-new-privs",
               f"--inh-caps=-all{',' + ambient if ambient else ''}",
               f"--ambient-caps=-all{',' + ambient if ambient else ''}",
               f"--bounding-set=-all{',' + bounding if bounding else ''}"]
    inner = " ".join([
        "set -e; mount --make-rprivate /;",
        # PrivateTmp=, then ProtectSystem=strict: everything read-only but the state directory (and /tmp, /run).
        "mount -t tmpfs -o mode=1777 tmpfs /tmp;",
        f"mount --bind '{state}' '{state}';",
        "mount -o remount,bind,ro /;",
        'exec "$@"'])
    full = (["ip", "netns", "exec", opts["netns"]] if "netns" in opts else []) + [
        "unshare", "--pid", "--fork", "--mount", "--mount-proc", "sh", "-c", inner, "sh"] + setpriv + [
        "env", f"NOTIFY_SOCKET={path}", sys.executable, os.path.abspath(__file__), "--exec-sandboxed", json.dumps(settings), "--"] + cmd
    started = time.monotonic()
    proc = subprocess.Popen(full, cwd=state)
    listener.settimeout(0.2)
    seen, ready_at, stopped, http_status = [], None, False, None
    while time.monotonic() - started < timeout:
        try:
            msg = listener.recv(4096).decode(errors="replace").strip()
            for part in msg.split("\n"):
                seen.append(part)
                print(f"unit-run: {time.monotonic() - started:6.2f} s  {part}", flush=True)
                if part == "READY=1" and ready_at is None:
                    ready_at = time.monotonic()
        except socket.timeout:
            pass
        if proc.poll() is not None:
            break
        if ready_at is not None and "http" in opts and http_status is None:
            try:
                with urllib.request.urlopen(opts["http"], timeout=10) as r:
                    http_status = r.status
            except Exception as e:  # noqa: BLE001 - reported below
                http_status = getattr(e, "code", str(e))
            print(f"unit-run: GET {opts['http']} -> {http_status}", flush=True)
        if ready_at is not None and not stopped and time.monotonic() - ready_at >= stop_after:
            # SIGTERM to the namespace's PID 1 (the service's main process), as systemctl stop does.
            children = open(f"/proc/{proc.pid}/task/{proc.pid}/children").read().split()
            for child in children:
                os.kill(int(child), signal.SIGTERM)
            stopped = True
    else:
        proc.kill()
    code = proc.wait()
    # Drain what came with the exit (STOPPING=1).
    try:
        while True:
            for part in listener.recv(4096).decode(errors="replace").strip().split("\n"):
                seen.append(part)
                print(f"unit-run: {time.monotonic() - started:6.2f} s  {part}", flush=True)
    except (socket.timeout, BlockingIOError):
        pass
    listener.close()
    os.unlink(path)
    os.rmdir(sockdir)
    watchdogs = seen.count("WATCHDOG=1")
    ok = ready_at is not None and code == 0 and (stop_after < 11 or watchdogs > 0) and (
        "http" not in opts or http_status == 200)
    print("unit-run: " + json.dumps({"ready": ready_at is not None, "watchdog": watchdogs,
                                     "stopping": "STOPPING=1" in seen, "exit": code, "http": http_status,
                                     "ok": ok}), flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
