package org.ledgermta.api.account;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.ledgermta.api.account.AccountJson.Account;
import org.ledgermta.api.account.AccountJson.CreateRequest;
import org.ledgermta.api.account.AccountJson.Limits;
import org.ledgermta.api.account.AccountJson.NetworksRequest;
import org.ledgermta.api.account.AccountJson.PasswordRequest;
import org.ledgermta.api.account.AccountJson.ResumeRequest;
import org.ledgermta.api.account.AccountJson.SuspendRequest;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.account.ChangeAccountLimitsCommand;
import org.ledgermta.domain.account.ChangeAccountNetworksCommand;
import org.ledgermta.domain.account.Cidr;
import org.ledgermta.domain.account.CreateAccountCommand;
import org.ledgermta.domain.account.PasswordHash;
import org.ledgermta.domain.account.ResumeAccountCommand;
import org.ledgermta.domain.account.SetAccountPasswordCommand;
import org.ledgermta.domain.account.SuspendAccountCommand;
import org.ledgermta.domain.limit.VolumeLimits;
import org.ledgermta.projections.account.AccountDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's view of accounts (OperatorTokenInterceptor lets only the operator in). Each change is
 * one command; the answer is read from the account directory, which the command has already updated.
 */
@RestController
@RequestMapping(AccountAdminController.PATH)
class AccountAdminController {

    static final String PATH = "/api/v1/accounts";

    private final AccountDirectory directory;
    private final PasswordHasher hasher;
    private final CommandGateway commands;
    private final Clock clock;

    AccountAdminController(AccountDirectory directory, PasswordHasher hasher, CommandGateway commands) {
        this.directory = directory;
        this.hasher = hasher;
        this.commands = commands;
        this.clock = Clock.systemUTC();
    }

    @GetMapping
    List<Account> list() {
        return directory.all().stream().map(Account::of).toList();
    }

    @GetMapping("/{name}")
    Account get(@PathVariable("name") String name) {
        return current(existing(name));
    }

    @PostMapping
    ResponseEntity<Account> create(@RequestBody CreateRequest request) {
        AccountId id = new AccountId(request.name());
        List<Cidr> networks = request.networks() == null ? List.of() : cidrs(request.networks());
        VolumeLimits limits = request.limits() == null ? VolumeLimits.UNLIMITED : request.limits().toVolumeLimits();
        PasswordHash hash = request.password() == null ? null : hasher.hash(password(request.password()));
        commands.sendAndWait(new CreateAccountCommand(id, networks, hash, limits, clock.instant()));
        return ResponseEntity.created(URI.create(PATH + "/" + id.value())).body(current(id));
    }

    @PutMapping("/{name}/networks")
    Account changeNetworks(@PathVariable("name") String name, @RequestBody NetworksRequest request) {
        AccountId id = existing(name);
        if (request.networks() == null) {
            throw new IllegalArgumentException("Give \"networks\": a list of CIDRs such as [\"203.0.113.0/24\"]; "
                    + "an empty list lets the account relay by password only.");
        }
        commands.sendAndWait(new ChangeAccountNetworksCommand(id, cidrs(request.networks()), clock.instant()));
        return current(id);
    }

    @PutMapping("/{name}/password")
    Account setPassword(@PathVariable("name") String name, @RequestBody PasswordRequest request) {
        AccountId id = existing(name);
        PasswordHash hash = hasher.hash(password(request.password()));
        commands.sendAndWait(new SetAccountPasswordCommand(id, hash, clock.instant()));
        return current(id);
    }

    @PutMapping("/{name}/limits")
    Account changeLimits(@PathVariable("name") String name, @RequestBody Limits request) {
        AccountId id = existing(name);
        commands.sendAndWait(new ChangeAccountLimitsCommand(id, request.toVolumeLimits(), clock.instant()));
        return current(id);
    }

    @PostMapping("/{name}/suspend")
    Account suspend(@PathVariable("name") String name, @RequestBody(required = false) SuspendRequest request) {
        AccountId id = existing(name);
        commands.sendAndWait(new SuspendAccountCommand(id, request == null ? null : request.reason(),
                clock.instant()));
        return current(id);
    }

    @PostMapping("/{name}/resume")
    Account resume(@PathVariable("name") String name, @RequestBody(required = false) ResumeRequest request) {
        AccountId id = existing(name);
        commands.sendAndWait(new ResumeAccountCommand(id, request == null ? null : request.note(), clock.instant()));
        return current(id);
    }

    private AccountId existing(String name) {
        AccountId id = new AccountId(name);
        if (directory.find(id).isEmpty()) {
            throw new AdminApiException(HttpStatus.NOT_FOUND, "There is no account '" + name
                    + "': GET " + PATH + " lists them, POST " + PATH + " creates one.");
        }
        return id;
    }

    private Account current(AccountId id) {
        return Account.of(directory.find(id).orElseThrow());
    }

    private static List<Cidr> cidrs(List<String> networks) {
        return networks.stream().map(network -> new Cidr(network == null ? null : network.strip())).toList();
    }

    private static String password(String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("Give \"password\": the password the account authenticates with "
                    + "(SMTP AUTH, HTTP submission); only its hash is kept.");
        }
        return password;
    }
}
