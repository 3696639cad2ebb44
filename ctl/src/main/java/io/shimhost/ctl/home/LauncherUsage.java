package io.shimhost.ctl.home;

/** What the executable jar takes on its command line, for {@code --help} and for a wrong argument. */
public final class LauncherUsage {

    public static final String TEXT = "usage: java -jar shimhost.jar [FILE | --daemon | --version | --help]\n"
            + "  FILE       run the Gogo commands in FILE, one per line, then stop;\n"
            + "             exit status 0 when all succeeded, 1 at the first failure\n"
            + "  --daemon   run as a service until SIGTERM or SIGINT (status 143 or 130), never reading\n"
            + "             stdin, listening on STATE/shimhost.sock (-Dshimhost.socket=PATH); tells\n"
            + "             systemd READY=1 and STOPPING=1 through $NOTIFY_SOCKET when set\n"
            + "  ctl [-s SOCKET] [-f FILE | COMMAND...]\n"
            + "             run commands in the daemon of the state folder, without a framework\n"
            + "  --version  print the version\n"
            + "  without an argument the interactive shell opens";

    private LauncherUsage() {
    }
}
