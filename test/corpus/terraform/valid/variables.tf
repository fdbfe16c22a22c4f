variable "project" {
  type    = string
  default = "inkwell"
}

variable "environment" {
  type    = string
  default = "dev"
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "vpc_cidr" {
  type    = string
  default = "10.0.0.0/16"
}

variable "owner" {
  type = string
}

variable "instance_type" {
  type    = string
  default = "t3.micro"
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "subnets" {
  type = list(object({ tier = string, cidr = string }))
  default = [
    { tier = "private", cidr = "10.0.1.0/24" },
    { tier = "private", cidr = "10.0.2.0/24" },
    { tier = "public", cidr = "10.0.100.0/24" },
  ]
}

variable "rules" {
  type = map(object({ ports = list(number), cidr = string }))
  default = {
    http  = { ports = [80], cidr = "0.0.0.0/0" }
    https = { ports = [443, 8443], cidr = "10.0.0.0/8" }
  }
}
