package approval

// CreditStatus is the credit status a badge may carry.
type CreditStatus string

const (
	NonCreditBearing CreditStatus = "non_credit_bearing"
	CreditBearing    CreditStatus = "credit_bearing"
	// Embedded: within credit-bearing courses or programs.
	Embedded CreditStatus = "embedded"
)

// Valid reports whether c is a known credit status.
func (c CreditStatus) Valid() bool {
	return c == NonCreditBearing || c == CreditBearing || c == Embedded
}

// NeedsSenate reports whether a request for c must go through SSCC and Senate.
func (c CreditStatus) NeedsSenate() bool { return c == CreditBearing || c == Embedded }

// Issuability is the answer to "may badges be issued from a version in this
// state, and with which credit status?".
type Issuability struct {
	Issuable bool
	// Credit is the credit status badges carry now. While a credit request
	// waits for SSCC and Senate it is NonCreditBearing.
	Credit CreditStatus
	// Interim is true while a credit request is pending.
	Interim bool
}

// IssuabilityOf answers for one version: its kind, state, the credit status
// its proponent requested and the status finally granted (empty until the
// credit path ends).
func IssuabilityOf(k Kind, s State, requested, granted CreditStatus) Issuability {
	switch k {
	case MicroCredential:
		switch s {
		case Approved, DiscontinueProposed, DiscontinueReview:
			c := granted
			if c == "" {
				c = requested
			}
			if c == "" {
				c = NonCreditBearing
			}
			return Issuability{Issuable: true, Credit: c}
		case SSCCReview, SenateReview:
			return Issuability{Issuable: true, Credit: NonCreditBearing, Interim: true}
		}
	case DigitalBadge:
		switch s {
		case Approved, SSCCQuery, Explained, SenateReferral:
			return Issuability{Issuable: true, Credit: NonCreditBearing}
		}
	}
	return Issuability{}
}
