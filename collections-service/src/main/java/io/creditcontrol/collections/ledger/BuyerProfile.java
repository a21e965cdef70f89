package io.creditcontrol.collections.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A buyer's grade (1 best .. 10 default) and segment, as last announced; either may be unknown (null). */
@Entity
@Table(name = "buyer_profile")
public class BuyerProfile extends PanacheEntityBase {

    @Id
    @Column(name = "buyer_id")
    public String buyerId;
    public String name;
    public String segment;
    public Integer grade;
    /** The collector who looks after this buyer; null when unassigned. */
    public String collector;
    /** Credit insurer covering this buyer's receivables; null when not insured. */
    public String insurer;
    @Column(name = "policy_number")
    public String policyNumber;

    /** Who receives the dunning letters, by e-mail, and in which language (en, zh); null: no letters are e-mailed. */
    @Column(name = "contact_name")
    public String contactName;
    @Column(name = "contact_email")
    public String contactEmail;
    @Column(name = "contact_language")
    public String contactLanguage;

    public boolean isInsured() {
        return insurer != null;
    }

    public static BuyerProfile findOrCreate(String buyerId) {
        BuyerProfile profile = findById(buyerId);
        if (profile == null) {
            profile = new BuyerProfile();
            profile.buyerId = buyerId;
            profile.persist();
        }
        return profile;
    }
}
