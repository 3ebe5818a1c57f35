"""What the reviews SCSA gives to a reviewer (the manual, the maintenance packages) share: their pages
(`pages`) and giving one to a reviewer (`services`)."""
