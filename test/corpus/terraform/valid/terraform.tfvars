owner       = "Zoë"
environment = "prod"
tags = {
  Team = "platform" # comment in tfvars
}
