package io.insurebridge.settlement;

import io.insurebridge.mapping.InsuredPerson;
import io.insurebridge.settlement.policy.PolicyRefusal;
import io.insurebridge.settlement.state.PersonState;
import io.insurebridge.settlement.state.ProcessedRequests;
import io.insurebridge.settlement.state.VisitRecord;
import io.insurebridge.settlement.state.Visits;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;

/**
 * Takes a person's lock inside the request's transaction and then re-checks the msgid: a copy of this request
 * that won the lock first has answered it, and this copy must return that answer and change nothing.
 */
@Component
public class PersonLocks {
    private final PersonState persons;
    private final ProcessedRequests processed;
    private final Visits visits;

    public PersonLocks(PersonState persons, ProcessedRequests processed, Visits visits) {
        this.persons = persons;
        this.processed = processed;
        this.visits = visits;
    }

    /** Locks the person; returns the account balance now. */
    public BigDecimal lock(NodeCall call, InsuredPerson person) {
        BigDecimal balance = persons.lock(person.psnNo(), person.acctBalance(), call.receivedAt());
        processed.response(call.msgid()).ifPresent(stored -> {
            throw new AlreadyAnswered(stored);
        });
        return balance;
    }

    /** Finds the visit, checks it is the person's, locks the person and re-reads the visit under the lock. */
    public LockedVisit lockVisit(NodeCall call, String mdtrtId, String psnNo) {
        VisitRecord visit = visits.find(mdtrtId)
                .orElseThrow(() -> new PolicyRefusal("Unknown visit mdtrt_id " + mdtrtId));
        if (psnNo != null && !psnNo.equals(visit.psnNo())) {
            throw new PolicyRefusal("Visit " + mdtrtId + " does not belong to person " + psnNo);
        }
        InsuredPerson person = call.person(visit.psnNo());
        BigDecimal balance = lock(call, person);
        return new LockedVisit(visits.find(mdtrtId).orElseThrow(), person, balance);
    }

    public record LockedVisit(VisitRecord visit, InsuredPerson person, BigDecimal balance) {}
}
