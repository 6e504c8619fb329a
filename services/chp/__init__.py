"""ITI Capital stock broker over CHP_Rest: wire schemas, client, session, polled streams and the venue
adapter."""
