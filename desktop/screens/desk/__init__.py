"""Front-desk pages of the back office: sign-up, cards, stored value, rewards, members."""
