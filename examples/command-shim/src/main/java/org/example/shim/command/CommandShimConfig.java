package org.example.shim.command;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The commandShim's configuration (PID org.example.shim.command). */
@ObjectClassDefinition(id = CommandShim.PID, name = "commandShim",
        description = "Runs a command with the container id and the token as its last arguments.")
@interface CommandShimConfig {

    /** @return the program to run */
    @AttributeDefinition(description = "The program to run; PATH is searched when it has no slash.")
    String command() default "/bin/sh";

    /**
     * @return the arguments that come before the container id and the token; by default a shell
     *         that says which container it serves and then waits
     */
    @AttributeDefinition(description = "Arguments before the container id and the token.")
    String[] arguments() default {"-c", "echo \"commandShim for container $1, token $2\"; exec sleep infinity",
        "commandShim"};
}
