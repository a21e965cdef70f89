package io.creditcontrol.scoring.buyer;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Who the buyer is: the latest full master record from the ERP or master-data system. */
@Entity
@Table(name = "buyer_profile")
public class BuyerProfile extends PanacheEntityBase {

    @Id
    @Column(name = "buyer_id")
    public String buyerId;
    public String name;
    public String country;
    public String industry;
    @Column(name = "parent_id")
    public String parentId;
    public String segment;
    @Column(name = "registration_number")
    public String registrationNumber;
    /** When the trading relationship began, when the master data says so. */
    @Column(name = "relationship_start_date")
    public LocalDate relationshipStartDate;
    /** When the buyer was registered (credit.buyer.registered); null if only updates were seen. */
    @Column(name = "registered_at")
    public Instant registeredAt;
    /** When the master record now held was published. */
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** The authenticated principal who last submitted the master data through the API; null from other producers. */
    @Column(name = "updated_by")
    public String updatedBy;
}
