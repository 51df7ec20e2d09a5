# Runs a Pulumi Python program for our pulumi-language-python host, which embeds this file and
# starts it as `python -c <this file> [flags] <program> [args]` in the program's environment.
#
# Upstream's host runs a script named pulumi-language-python-exec that is installed next to it; the
# pulumi PyPI wheel does not include it, so this is our own, taking the same flags (so the host can
# also run upstream's script with -use-executor) and using the same exit code conventions:
#
#   --monitor ADDR --engine ADDR --project P --stack S --organization O --root_directory DIR
#   --pwd DIR --dry_run true|false --parallel N --tracing URL   PROGRAM [ARGS...]
#
# The stack configuration arrives in the environment (PULUMI_CONFIG, a JSON object, and
# PULUMI_CONFIG_SECRET_KEYS, a JSON array), where the SDK's runtime reads it.
import argparse
import asyncio
import inspect
import logging
import os
import runpy
import signal
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor

# Tells the host that the error has already been reported to the engine, so the update fails
# without a second, less helpful message.
EXIT_ERROR_REPORTED = 32

try:
    import pulumi
    import pulumi.runtime
except ImportError:
    # The engine shows what we print on stderr when the program fails.
    print(traceback.format_exc(), file=sys.stderr)
    print(
        "It looks like the Pulumi SDK (the `pulumi` package) is not installed in this Python "
        "environment. Run `pulumi install`, or `pip install -r requirements.txt` inside the "
        "virtualenv the project's Pulumi.yaml names.",
        file=sys.stderr,
    )
    sys.exit(1)


def parse_args(argv):
    ap = argparse.ArgumentParser(prog="pulumi-language-python-exec")
    for flag in ("monitor", "engine", "project", "stack", "organization", "root_directory",
                 "pwd", "dry_run", "parallel", "tracing"):
        ap.add_argument("--" + flag)
    ap.add_argument("program", help="the program: a directory with __main__.py, or a .py file")
    # Everything after the program is the program's own, even if it looks like a flag.
    ap.add_argument("args", nargs=argparse.REMAINDER)
    return ap.parse_args(argv)


def configure(args):
    config = pulumi.runtime.get_config_env()
    if hasattr(pulumi.runtime, "set_all_config"):
        pulumi.runtime.set_all_config(config, pulumi.runtime.get_config_secret_keys_env())
    else:  # SDKs before set_all_config learn secret keys elsewhere
        for key, value in config.items():
            pulumi.runtime.set_config(key, value)

    settings = {
        "monitor": args.monitor,
        "engine": args.engine,
        "project": args.project,
        "stack": args.stack,
        "parallel": int(args.parallel or 0),
        "dry_run": args.dry_run == "true",
        "organization": args.organization,
        "root_directory": args.root_directory,
    }
    # Older SDKs lack some of these parameters: pass only those this one takes.
    accepted = inspect.signature(pulumi.runtime.Settings.__init__).parameters
    settings = pulumi.runtime.Settings(**{k: v for k, v in settings.items() if k in accepted})
    pulumi.runtime.configure(settings)
    return settings


def user_traceback(program):
    """The current exception's traceback from the first frame in the user's program on."""
    main = os.path.join(program, "__main__.py") if os.path.isdir(program) else program
    frames = traceback.extract_tb(sys.exc_info()[2])
    for i, frame in enumerate(frames):
        if os.path.abspath(frame.filename) == main:
            return traceback.format_exc(limit=-(len(frames) - i))
    return traceback.format_exc()


def on_interrupt(signum, frame):
    # The engine interrupts the program when it cancels an update: after an error it has already
    # reported (it also signals our whole process group when it closes the host), or on Ctrl-C.
    # Stop once, quietly: further signals would only interrupt the cleanup, and Python's
    # KeyboardInterrupt tracebacks would bury the engine's message.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def main():
    args = parse_args(sys.argv[1:])
    signal.signal(signal.SIGINT, on_interrupt)
    settings = configure(args)

    # Run the program as if Python had been started on it, in its directory.
    sys.argv = [args.program] + args.args
    if args.pwd:
        os.chdir(args.pwd)
    program = os.path.abspath(args.program)
    if os.path.isdir(program) and not os.path.isfile(os.path.join(program, "__main__.py")):
        pulumi.log.error(f"unable to find main python program `__main__.py` in `{program}`")
        return EXIT_ERROR_REPORTED

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    # Blocking work the SDK hands to the default executor (RPCs) may run this many at a time.
    executor = ThreadPoolExecutor(max_workers=max(settings.parallel or 1, 1) * 4)
    loop.set_default_executor(executor)
    # A failed program leaves futures unobserved by design; asyncio's complaints about them would
    # only bury the real error.
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)

    interrupted = False
    try:
        loop.run_until_complete(pulumi.runtime.run_in_stack(lambda: runpy.run_path(args.program, run_name="__main__")))
        return 0
    except KeyboardInterrupt:
        interrupted = True
        return EXIT_ERROR_REPORTED
    except pulumi.RunError as e:
        pulumi.log.error(str(e))
        return EXIT_ERROR_REPORTED
    except Exception:  # any error in the program fails the update with its traceback
        pulumi.log.error("Program failed with an unhandled exception:\n" + user_traceback(program))
        return EXIT_ERROR_REPORTED
    finally:
        # After an interrupt, RPCs still in flight are of no use: do not wait for them.
        executor.shutdown(wait=not interrupted, cancel_futures=interrupted)
        loop.close()
        sys.stdout.flush()
        sys.stderr.flush()


sys.exit(main())
