package io.shimhost.conformance.testshims;

import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

import io.shimhost.api.ProcessService;
import io.shimhost.api.ProcessSpec;
import io.shimhost.api.SandboxConfig;
import io.shimhost.api.Shim;
import io.shimhost.api.ShimException;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimType;

/** A conforming shim type, {@code sleepShim}: runs {@code sleep 600} through the process service. */
public class SleepShim implements BundleActivator, Shim {

    private BundleContext context;

    @Override
    public void start(BundleContext bundleContext) {
        this.context = bundleContext;
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Shim.TYPE, type());
        bundleContext.registerService(Shim.class, this, properties);
    }

    @Override
    public void stop(BundleContext bundleContext) {
        // the framework unregisters the service
    }

    /** @return the type this shim offers */
    protected String type() {
        return "sleepShim";
    }

    /** @return the type its handles say; a conforming shim says its own */
    protected ShimType handleType() throws ShimException {
        return ShimType.parse(type());
    }

    @Override
    public ShimProcess start(SandboxConfig sandbox, ShimParams params) throws ShimException {
        ProcessService processes = context.getService(context.getServiceReference(ProcessService.class));
        return ShimProcess.of(handleType(), params, processes.launch(spec(params)));
    }

    @Override
    public Optional<ProcessSpec> plan(SandboxConfig sandbox, ShimParams params) throws ShimException {
        return Optional.of(spec(params));
    }

    private static ProcessSpec spec(ShimParams params) throws ShimException {
        return ProcessSpec.forShim(List.of("sleep", "600"), params);
    }
}
