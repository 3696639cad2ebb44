package io.shimhost.console.internal;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.MetaTypeService;

import io.shimhost.api.PeerAccess;
import io.shimhost.api.ServiceManager;

import io.shimhost.ctl.home.LauncherUsage;

/**
 * What the executable jar does on its main thread. The bnd launcher calls the {@code Callable}
 * registered with {@code main.thread=true}, stops the framework when it returns and exits with
 * the value it returned: {@code java -jar shimhost.jar FILE} runs the Gogo commands in FILE
 * (status 0, or 1 at the first failure); without FILE the interactive shell opens (status 0
 * when its input ends).
 *
 * <p>The launcher registers the service carrying its arguments only after it has started every
 * bundle, so the framework's own commands (gogo.command) are registered by then;
 * before the first command, {@link LaunchReadiness} waits until the operator's configuration is
 * taken by the components and the registry runs on the launcher's state folder.
 */
@Component(service = Callable.class, property = "main.thread=true")
public final class LauncherMain implements Callable<Integer> {

    static final String USAGE = LauncherUsage.TEXT;

    private final CommandProcessor processor;
    private final String[] arguments;
    private final LaunchReadiness readiness;
    private final Daemon daemon;
    private final LauncherFolders folders;

    /** The service manager (systemd) that runs the daemon; absent without a core bundle. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ServiceManager serviceManager;

    @Activate
    public LauncherMain(@Reference(name = "commandProcessor") CommandProcessor processor,
            @Reference(name = "launcher", service = Object.class, target = "(launcher.arguments=*)")
            Map<String, Object> launcher,
            @Reference(name = "launcherFolders") LauncherFolders folders,
            @Reference(name = "configurationAdmin") ConfigurationAdmin configurationAdmin,
            @Reference(name = "componentRuntime") ServiceComponentRuntime componentRuntime,
            @Reference(name = "metaTypes") MetaTypeService metaTypes,
            @Reference(name = "peerAccess") PeerAccess peerAccess, BundleContext context) {
        this.processor = processor;
        this.folders = folders;
        this.readiness = new LaunchReadiness(context, configurationAdmin, componentRuntime, folders, metaTypes);
        this.daemon = new Daemon(context, () -> serviceManager, folders.controlSocket(), peerAccess,
                configurationAdmin, folders.apiSocket(), folders.stateDirectory());
        Object args = launcher.get("launcher.arguments");
        this.arguments = args instanceof String[] ? ((String[]) args).clone() : new String[0];
    }

    @Override
    public Integer call() throws Exception {
        // the process's own descriptors: System.out is Gogo's per-thread redirect once the
        // runtime is up, and a session writing into it would write into itself
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        InputStream in = new FileInputStream(FileDescriptor.in);
        // --version and --help never get here: the jar's main class answers them without a framework
        if (folders.runningDaemon().isPresent()) {
            err.println("shimhost: " + folders.runningDaemon().get().refusal(arguments));
            return ScriptRunner.FAILURE;
        }
        if (arguments.length == 0) {
            return ready(err) ? interactive(in, out, err) : 1;
        }
        if (arguments.length == 1 && arguments[0].equals("--daemon")) {
            return ready(err) ? daemon.run(processor, err) : 1;
        }
        if (arguments.length > 1 || arguments[0].startsWith("-")) {
            err.println("shimhost: unexpected arguments " + String.join(" ", arguments));
            err.println(USAGE);
            return 2;
        }
        if (!ready(err)) {
            return 1;
        }
        try (CommandSession session = Sessions.open(processor, in, out, err)) {
            return new ScriptRunner(session, out, err).run(Path.of(arguments[0]));
        }
    }

    /** The framework stops: a daemon's wait ends. */
    @Deactivate
    void deactivate() {
        daemon.stopping();
    }

    private boolean ready(PrintStream err) throws InterruptedException, IOException {
        Optional<String> problem = readiness.await();
        problem.ifPresent(p -> err.println("shimhost: " + p));
        return problem.isEmpty();
    }

    /** On a terminal, with line editing, history and completion; else reading lines as they come. */
    private int interactive(InputStream in, PrintStream out, PrintStream err) throws IOException {
        try (CommandSession session = Sessions.open(processor, in, out, err)) {
            if (System.console() == null) {
                new InteractiveShell(session, out, err).run(in);
                return ScriptRunner.SUCCESS;
            }
            ByteArrayOutputStream completed = new ByteArrayOutputStream();
            PrintStream completedOut = new PrintStream(completed, true, StandardCharsets.UTF_8);
            try (CommandSession completion = Sessions.open(processor, InputStream.nullInputStream(), completedOut,
                    completedOut)) {
                new TerminalShell(session, completion, completed, Path.of(folders.stateDirectory())).run(err);
            }
        }
        return ScriptRunner.SUCCESS;
    }
}
