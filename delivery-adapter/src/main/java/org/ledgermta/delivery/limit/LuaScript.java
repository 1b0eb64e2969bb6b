package org.ledgermta.delivery.limit;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** A Lua script run by its SHA-1, sent in full only when the server does not know it yet; one deadline per call. */
final class LuaScript {

    private final String text;
    private final String sha;

    LuaScript(String text) {
        this.text = text;
        this.sha = sha1(text);
    }

    List<Object> run(StatefulRedisConnection<String, String> connection, String[] keys, String[] args, long deadline)
            throws ExecutionException, TimeoutException, InterruptedException {
        try {
            return await(connection, redis -> redis.evalsha(sha, ScriptOutputType.MULTI, keys, args), deadline);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof RedisNoScriptException)) {
                throw e;
            }
            // First use on this server, or after a restart or SCRIPT FLUSH: EVAL runs it and loads it for the
            // next EVALSHA. Both calls share one deadline.
            return await(connection, redis -> redis.eval(text, ScriptOutputType.MULTI, keys, args), deadline);
        }
    }

    static <T> T await(StatefulRedisConnection<String, String> connection,
                       Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command, long deadline)
            throws ExecutionException, TimeoutException, InterruptedException {
        RedisFuture<T> future = command.apply(connection.async());
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // A command still queued (say, during a reconnect) is then never sent.
            future.cancel(false);
            throw e;
        }
    }

    /** Why a call failed, in one sentence naming {@code what} was asked ("the volume counter"). */
    static String reason(Exception failure, String what, Duration timeout) {
        if (failure instanceof TimeoutException) {
            return "Redis did not answer " + what + " within " + timeout.toMillis() + " ms";
        }
        Throwable cause = failure instanceof ExecutionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof RedisCommandExecutionException) {
            return "Redis refused " + what + "'s command: " + cause.getMessage();
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return "Redis could not be reached for " + what + ": " + message;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
