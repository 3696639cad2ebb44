package io.shimhost.health.internal;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;

import io.shimhost.api.audit.CheckResult;
import io.shimhost.api.audit.SelfCheck;

/**
 * One self-check as a health check: each invariant that holds is an OK line, each problem a
 * CRITICAL line when it can lose shims and a WARN line otherwise, so the result's status is the
 * worst of them.
 */
final class SelfCheckResult implements HealthCheck {

    private final SelfCheck check;

    SelfCheckResult(SelfCheck check) {
        this.check = check;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        for (CheckResult result : check.run()) {
            if (result.ok()) {
                log.info("{}: ok", result.name());
            }
            for (String problem : result.problems()) {
                if (result.critical()) {
                    log.critical("{}: {}", result.name(), problem);
                } else {
                    log.warn("{}: {}", result.name(), problem);
                }
            }
        }
        return new Result(log);
    }
}
