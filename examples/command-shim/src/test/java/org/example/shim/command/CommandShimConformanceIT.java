package org.example.shim.command;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.shimhost.conformance.ShimConformance;

/** The commandShim against shimhost's shim contract, as a vendor checks its bundle before shipping it. */
class CommandShimConformanceIT {

    @TestFactory
    Stream<DynamicTest> theCommandShimConforms() {
        // the default command waits until stopped, as the suite needs
        return ShimConformance.of(Path.of(System.getProperty("shim.bundle")), "commandShim").tests();
    }
}
