{application,e,
             [{description,"A Graft relup fixture"},
              {vsn,"1"},
              {modules,['e.M']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
